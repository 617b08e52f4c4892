import { useCallback, useRef, useState } from 'react';
import { call } from '../client';

/**
 * Loads photos' images on demand, once each, for as long as the screen is open: each opening is
 * audited by the records, so the same photo is not fetched again while it is on screen.
 */
export function usePhotoImages() {
  const [images, setImages] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const asked = useRef(new Set<number>());
  const want = useCallback((id: number) => {
    if (asked.current.has(id)) return;
    asked.current.add(id);
    call('photos.get', { id })
      .then((p) => setImages((all) => ({ ...all, [id]: p.dataUrl })))
      .catch((e: unknown) => setProblems((all) => ({ ...all, [id]: e instanceof Error ? e.message : String(e) })));
  }, []);
  return { images, problems, want };
}

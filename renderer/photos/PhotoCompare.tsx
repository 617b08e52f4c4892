import { Alert, Loader, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Photo } from '../../db/api/photos';
import { dayOf, momentOf } from '../consents/labels';
import { kindLabel, photoName, sessionName } from './labels';
import type { usePhotoImages } from './usePhotoImages';
import './photos.css';

type Images = ReturnType<typeof usePhotoImages>;

/** The photos as choices grouped by session, oldest session first. */
function choicesOf(photos: Photo[]) {
  const groups = new Map<number, { group: string; items: { value: string; label: string }[] }>();
  for (const p of photos) {
    const g = groups.get(p.sessionId) ?? { group: sessionName(p), items: [] };
    // The label alone must say which photo it is: a closed select shows no group name.
    const name = `${kindLabel[p.kind]}, ${dayOf(p.performedAt)}`;
    const same = g.items.filter((i) => i.label.startsWith(name)).length;
    g.items.push({ value: String(p.id), label: `${name}${same ? ` (${same + 1})` : ''}` });
    groups.set(p.sessionId, g);
  }
  return [...groups.values()];
}

/** The first "before" of the earliest session and the last "after" of the latest: the usual comparison. */
function defaults(photos: Photo[]): [number | null, number | null] {
  if (photos.length === 0) return [null, null];
  const left = photos.find((p) => p.kind === 'before') ?? photos[0]!;
  const right = [...photos].reverse().find((p) => p.kind === 'after' && p.id !== left.id) ?? [...photos].reverse().find((p) => p.id !== left.id) ?? null;
  return [left.id, right?.id ?? null];
}

function Side({ label, photos, chosen, onChoose, images }: { label: string; photos: Photo[]; chosen: number | null; onChoose(id: number): void; images: Images }) {
  const photo = photos.find((p) => p.id === chosen) ?? null;
  const { want } = images;
  useEffect(() => {
    if (photo) want(photo.id);
  }, [photo, want]);
  const src = photo ? images.images[photo.id] : undefined;
  const problem = photo ? images.problems[photo.id] : undefined;
  return (
    <Stack gap="xs">
      <NativeSelect label={label} value={chosen !== null ? String(chosen) : ''} onChange={(e) => onChoose(Number(e.currentTarget.value))} data={[{ value: '', label: 'Choose a photo…', disabled: true }, ...choicesOf(photos)]} />
      <figure style={{ margin: 0 }}>
        <div className="photo-frame">
          {problem ? <Alert color="red">{problem}</Alert> : photo && !src ? <Loader aria-label="Loading photo" /> : src && photo ? <img src={src} alt={photoName(photo)} /> : <Text c="dimmed">No photo chosen</Text>}
        </div>
        {photo && (
          <Text component="figcaption" size="sm" mt={4}>
            <strong>{photoName(photo)}</strong>
            <br />
            Taken {momentOf(photo.takenAt)}
            {photo.userName ? ` by ${photo.userName}` : ''} · {photo.width} × {photo.height}
          </Text>
        )}
      </figure>
    </Stack>
  );
}

/** Two photos side by side, each chosen from any session: before and after, or one visit and the next. */
export function PhotoCompare({ photos, images }: { photos: Photo[]; images: Images }) {
  const [[left, right], setChosen] = useState<[number | null, number | null]>(() => defaults(photos));
  // A photo added later is offered at once; the chosen pair stays unless it was empty.
  useEffect(() => {
    setChosen(([l, r]) => {
      if (l !== null && r !== null) return [l, r];
      const [dl, dr] = defaults(photos);
      return [l ?? dl, r ?? (dr !== l ? dr : null)];
    });
  }, [photos]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" role="group" aria-label="Compare photos">
      <Side label="Left photo" photos={photos} chosen={left} onChoose={(id) => setChosen(([, r]) => [id, r])} images={images} />
      <Side label="Right photo" photos={photos} chosen={right} onChoose={(id) => setChosen(([l]) => [l, id])} images={images} />
    </SimpleGrid>
  );
}

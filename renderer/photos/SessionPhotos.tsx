import { Alert, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { Photo, PhotoKind, PhotoSession } from '../../db/api/photos';
import { call } from '../client';
import { momentOf } from '../consents/labels';
import { kindLabel, photoName } from './labels';
import { PhotoAdd } from './PhotoAdd';
import { usePhotoImages } from './usePhotoImages';
import './photos.css';

/** One session's before and after photos, with adding: for the charting screen. */
export function SessionPhotos({ sessionId }: { sessionId: number }) {
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [sessions, setSessions] = useState<PhotoSession[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const images = usePhotoImages();

  const load = useCallback(async () => {
    try {
      const list = await call('photos.list', { sessionId });
      setPhotos(list.items);
      setSessions(list.sessions);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [sessionId]);

  useEffect(() => {
    void load();
  }, [load]);

  const { want } = images;
  useEffect(() => {
    for (const p of photos ?? []) want(p.id);
  }, [photos, want]);

  if (problem) return <Alert color="red">{problem}</Alert>;
  if (!photos) return <Loader aria-label="Loading photos" />;
  const column = (kind: PhotoKind) => (
    <Stack gap="xs" key={kind}>
      <Title order={4} size="h5">
        {kindLabel[kind]}
      </Title>
      {photos.filter((p) => p.kind === kind).length === 0 && <Text c="dimmed">None yet.</Text>}
      {photos
        .filter((p) => p.kind === kind)
        .map((p) => (
          <figure key={p.id} style={{ margin: 0 }}>
            <div className="photo-frame">{images.images[p.id] ? <img src={images.images[p.id]} alt={photoName(p)} /> : <Loader aria-label="Loading photo" />}</div>
            <Text component="figcaption" size="sm">
              Taken {momentOf(p.takenAt)}
            </Text>
          </figure>
        ))}
    </Stack>
  );
  return (
    <Stack>
      <SimpleGrid cols={2}>{(['before', 'after'] as const).map(column)}</SimpleGrid>
      <PhotoAdd sessions={sessions} onAdded={() => void load()} />
    </Stack>
  );
}

import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { ImagePlus } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { Patient } from '../../db/api/patients';
import type { Photo, PhotoSession } from '../../db/api/photos';
import { call } from '../client';
import { useUser } from '../session';
import { PhotoAdd } from './PhotoAdd';
import { PhotoCompare } from './PhotoCompare';
import { usePhotoImages } from './usePhotoImages';

/** The patient's before/after photos for practitioners and admins; the front desk never sees them. */
export function PatientPhotos({ patient }: { patient: Patient }) {
  const user = useUser();
  if (user.role === 'front_desk') return null;
  return <PhotosSection patientId={patient.id} />;
}

function PhotosSection({ patientId }: { patientId: number }) {
  const [photos, setPhotos] = useState<Photo[] | null>(null);
  const [sessions, setSessions] = useState<PhotoSession[]>([]);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const images = usePhotoImages();

  const load = useCallback(async () => {
    try {
      const list = await call('photos.list', { patientId });
      setPhotos(list.items);
      setSessions([...list.sessions].reverse());
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [patientId]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="photos-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="photos-heading">
            Photos
          </Title>
          {sessions.length > 0 && !adding && (
            <Button leftSection={<ImagePlus size={18} />} onClick={() => setAdding(true)}>
              Add a photo
            </Button>
          )}
        </Group>
        {problem && <Alert color="red">{problem}</Alert>}
        {photos && sessions.length === 0 && <Text c="dimmed">No treatment sessions yet. Photos are kept with a session.</Text>}
        {adding && (
          <Paper withBorder p="md" bg="gray.0">
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} size="h5">
                  Add a photo
                </Title>
                <Button variant="subtle" onClick={() => setAdding(false)}>
                  Done
                </Button>
              </Group>
              <PhotoAdd sessions={sessions} onAdded={() => void load()} />
            </Stack>
          </Paper>
        )}
        {photos && sessions.length > 0 && photos.length === 0 && <Text c="dimmed">No photos yet.</Text>}
        {photos && photos.length > 0 && (
          <>
            <Text c="dimmed" size="sm">
              {photos.length} {photos.length === 1 ? 'photo' : 'photos'} from {new Set(photos.map((p) => p.sessionId)).size}{' '}
              {new Set(photos.map((p) => p.sessionId)).size === 1 ? 'session' : 'sessions'}. Choose any two to compare.
            </Text>
            <PhotoCompare photos={photos} images={images} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

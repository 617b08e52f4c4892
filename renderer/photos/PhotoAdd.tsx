import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Camera, ImagePlus, Save, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { Photo, PhotoKind, PhotoSession } from '../../db/api/photos';
import { call, CommandError } from '../client';
import { CameraCapture } from './CameraCapture';
import { kindLabel, sessionName } from './labels';
import { NotAPhoto, photoFromFile, sizeOf } from './photo-image';
import './photos.css';

interface Props {
  /** The sessions the photo may go on (newest first is easiest); one session hides the choice. */
  sessions: PhotoSession[];
  onAdded(photo: Photo): void;
}

/** Adds a before or after photo to a session: from a file or from the camera, seen before it is saved. */
export function PhotoAdd({ sessions, onAdded }: Props) {
  const ids = useId();
  const allowed = sessions.filter((s) => s.photoConsent);
  const [sessionId, setSessionId] = useState<number | null>(allowed[0]?.id ?? null);
  const [kind, setKind] = useState<PhotoKind>('before');
  const [image, setImage] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const session = sessions.find((s) => s.id === sessionId) ?? null;

  const choose = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    try {
      setImage(await photoFromFile(file));
    } catch (e) {
      setProblem(e instanceof NotAPhoto ? e.message : String(e));
    }
  };

  const save = async () => {
    if (!image || !session) return;
    setSaving(true);
    setProblem(null);
    try {
      const photo = await call('photos.add', { sessionId: session.id, kind, image });
      setImage(null);
      notifications.show({ color: 'teal', message: `${kindLabel[kind]} photo saved to ${sessionName(session)}` });
      onAdded(photo);
    } catch (e) {
      setProblem(e instanceof CommandError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  if (allowed.length === 0) {
    return (
      <Alert color="yellow" title="No photo consent">
        Photos need a valid consent for the treatment, signed with &ldquo;yes&rdquo; to photographs. Ask the patient to sign one first.
      </Alert>
    );
  }

  return (
    <Stack gap="sm">
      {sessions.length > 1 && (
        <NativeSelect
          label="Session"
          value={sessionId !== null ? String(sessionId) : ''}
          onChange={(e) => setSessionId(Number(e.currentTarget.value))}
          data={sessions.map((s) => ({ value: String(s.id), label: `${sessionName(s)}${s.photoConsent ? '' : ' — no photo consent'}`, disabled: !s.photoConsent }))}
        />
      )}
      {sessions.length === 1 && session && <Text>{sessionName(session)}</Text>}
      <div>
        <Text fw={600} size="sm" id={`${ids}-kind`} mb={4}>
          Before or after the treatment
        </Text>
        <SegmentedControl
          aria-labelledby={`${ids}-kind`}
          size="md"
          value={kind}
          onChange={(v) => setKind(v as PhotoKind)}
          data={[
            { value: 'before', label: 'Before' },
            { value: 'after', label: 'After' },
          ]}
        />
      </div>
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      {camera ? (
        <CameraCapture
          onTaken={(url) => {
            setImage(url);
            setCamera(false);
          }}
          onClose={() => setCamera(false)}
        />
      ) : image ? (
        <Stack gap="xs">
          <div className="photo-frame">
            <img src={image} alt={`${kindLabel[kind]} photo to save`} />
          </div>
          <Text size="sm" c="dimmed">
            {sizeOf(image)}. Where and on what it was taken (EXIF and other metadata) is removed when it is saved.
          </Text>
          <Group>
            <Button size="lg" leftSection={<Save size={20} />} loading={saving} onClick={() => void save()}>
              Save {kindLabel[kind].toLowerCase()} photo
            </Button>
            <Button size="lg" variant="default" leftSection={<X size={20} />} onClick={() => setImage(null)}>
              Discard
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group>
          <Button component="label" htmlFor={`${ids}-file`} size="lg" variant="default" leftSection={<ImagePlus size={20} />} className="photo-file-button">
            Import from a file
            <input
              id={`${ids}-file`}
              className="photo-file-input"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              onChange={(e) => {
                void choose(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </Button>
          <Button size="lg" variant="default" leftSection={<Camera size={20} />} onClick={() => setCamera(true)}>
            Use the camera
          </Button>
        </Group>
      )}
    </Stack>
  );
}

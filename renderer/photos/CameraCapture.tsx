import { Alert, Button, Group, Stack } from '@mantine/core';
import { Camera, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { NotAPhoto, photoFromVideo } from './photo-image';

const cameraProblem = (e: unknown): string => {
  const name = (e as { name?: string }).name;
  if (name === 'NotAllowedError') return 'The camera was not allowed. Allow camera use for Skinchart and try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found on this computer.';
  if (name === 'NotReadableError') return 'The camera is in use by another program.';
  return 'The camera could not be started.';
};

/** A live camera picture with a button to take the photo; the camera stops when this closes. */
export function CameraCapture({ onTaken, onClose }: { onTaken(dataUrl: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('This screen has no access to a camera.');
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: true })
      .then((s) => {
        if (closed) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch((e: unknown) => setProblem(cameraProblem(e)));
    return () => {
      closed = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <Stack gap="xs">
      {problem && <Alert color="red">{problem}</Alert>}
      <div className="photo-frame">
        <video ref={video} muted playsInline aria-label="Camera picture" onLoadedData={() => setReady(true)} />
      </div>
      <Group>
        <Button
          size="lg"
          leftSection={<Camera size={20} />}
          disabled={!ready}
          onClick={() => {
            try {
              onTaken(photoFromVideo(video.current!));
            } catch (e) {
              setProblem(e instanceof NotAPhoto ? e.message : String(e));
            }
          }}
        >
          Take photo
        </Button>
        <Button size="lg" variant="default" leftSection={<X size={20} />} onClick={onClose}>
          Close camera
        </Button>
      </Group>
    </Stack>
  );
}

import { Button, Group, Input, Paper, Text } from '@mantine/core';
import { Eraser } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import SignaturePad from 'signature_pad';

interface Props {
  label: string;
  /** The drawn signature as a PNG data URL, or null while the box is empty. */
  onChange(dataUrl: string | null): void;
  error?: string | undefined;
}

/** A box to sign in with a finger, a pen or a mouse. */
export function SignaturePadField({ label, onChange, error }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const labelId = useId();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePad(canvas, { penColor: '#111', minWidth: 1, maxWidth: 3 });
    padRef.current = pad;
    // Match the canvas to its displayed size (and the screen's pixel density), keeping what was drawn.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = Math.round(canvas.offsetWidth * ratio);
      const height = Math.round(canvas.offsetHeight * ratio);
      if (!width || (canvas.width === width && canvas.height === height)) return;
      const strokes = pad.toData();
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')!.scale(ratio, ratio);
      pad.clear();
      pad.fromData(strokes);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    const changed = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', changed);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', changed);
      pad.off();
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  return (
    <Input.Wrapper label={label} id={labelId} labelElement="div" error={error} size="lg">
      <Paper withBorder radius="md" mt={4} style={{ borderColor: error ? 'var(--mantine-color-red-6)' : undefined, background: 'white' }}>
        <canvas ref={canvasRef} aria-labelledby={`${labelId}-label`} role="img" style={{ width: '100%', height: 220, display: 'block', touchAction: 'none', cursor: 'crosshair' }} />
        <Group justify="space-between" px="sm" pb="xs">
          <Text size="sm" c="dimmed">
            Sign inside the box with your finger, a pen or the mouse.
          </Text>
          <Button variant="subtle" size="sm" leftSection={<Eraser size={16} />} onClick={clear}>
            Clear signature
          </Button>
        </Group>
      </Paper>
    </Input.Wrapper>
  );
}

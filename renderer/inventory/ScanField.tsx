import { TextInput } from '@mantine/core';
import { ScanBarcode } from 'lucide-react';
import { forwardRef, useState, type KeyboardEvent } from 'react';
import { GS, parseGs1, type Gs1Data } from '../../db/rules/gs1';

interface Props {
  label: string;
  description?: string;
  autoFocus?: boolean;
  onScan(data: Gs1Data): void;
}

/**
 * Where a keyboard-wedge scanner types. Enter (which scanners send last) reads the code; the group
 * separator arrives as its own key (or Ctrl+]) and is kept in the text, since the browser would drop it.
 */
export const ScanField = forwardRef<HTMLInputElement, Props>(function ScanField({ label, description, autoFocus, onScan }, ref) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [read, setRead] = useState<string | null>(null);

  const readCode = () => {
    if (!text.trim()) return;
    const result = parseGs1(text);
    if (!result.ok) {
      setProblem(result.error);
      setRead(null);
      return;
    }
    setProblem(null);
    const { gtin, lot, expiresOn, serial } = result.data;
    setRead(['Read', gtin && `GTIN ${gtin}`, lot && `lot ${lot}`, expiresOn && `expiry ${expiresOn}`, serial && `serial ${serial}`].filter(Boolean).join(' · '));
    setText('');
    onScan(result.data);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      readCode();
      return;
    }
    if (e.key === 'GroupSeparator' || (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight'))) {
      e.preventDefault();
      const input = e.currentTarget;
      const at = input.selectionStart ?? text.length;
      setText(text.slice(0, at) + GS + text.slice(input.selectionEnd ?? at));
    }
  };

  return (
    <TextInput
      ref={ref}
      label={label}
      description={read ?? description}
      leftSection={<ScanBarcode size={20} />}
      size="lg"
      autoFocus={autoFocus}
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        setProblem(null);
      }}
      onKeyDown={onKeyDown}
      onBlur={readCode}
      error={problem}
    />
  );
});

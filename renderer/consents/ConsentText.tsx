import type { ReactNode } from 'react';
import { textBlocks, type TextBlock } from '../../db/rules/consent-text';
import './consent-sheet.css';

function Block({ block }: { block: TextBlock }) {
  switch (block.kind) {
    case 'heading':
      return <h3>{block.text}</h3>;
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item, j) => (
            <li key={j}>{item}</li>
          ))}
        </ul>
      );
  }
}

/**
 * A consent's wording laid out as headings, paragraphs and lists; the words are exactly the stored text.
 * `tail` (the signature) is kept on the same printed page as the last section (the agreement).
 */
export function ConsentText({ text, size = 'md', tail }: { text: string; size?: 'md' | 'lg'; tail?: ReactNode }) {
  const blocks = textBlocks(text);
  const lastHeading = tail ? blocks.findLastIndex((b) => b.kind === 'heading') : -1;
  const body = lastHeading > 0 ? blocks.slice(0, lastHeading) : blocks;
  return (
    <div className={`consent-text consent-text-${size}`}>
      {body.map((block, i) => (
        <Block key={i} block={block} />
      ))}
      {tail && (
        <div className="consent-keep-together">
          {lastHeading > 0 && blocks.slice(lastHeading).map((block, i) => <Block key={i} block={block} />)}
          {tail}
        </div>
      )}
    </div>
  );
}


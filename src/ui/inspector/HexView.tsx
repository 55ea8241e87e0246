import { memo, useEffect, useRef, type ClipboardEvent } from 'react';
import { hexText, selectedOffsets } from '../capture/hex-text';
import { CopyHexButton } from '../capture/CopyHexButton';

export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

interface Props {
  readonly bytes: Uint8Array;
  /** Byte range [start, end) of the selected field. */
  readonly highlight: ByteSpan | null;
  /** A second, differently marked range, e.g. the bytes an authenticator covers (RFC 2002 §3.5.1). */
  readonly covered?: ByteSpan | null;
  readonly onPickByte: (offset: number) => void;
}

const PER_ROW = 16;

// The bottom pane: offsets, hex and ASCII. Clicking a byte selects the most
// specific field that covers it; the selected field's bytes are highlighted
// (and scrolled into view, so a field picked in the tree is never off-screen).
export const HexView = memo(function HexView({ bytes, highlight, covered = null, onPickByte }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const rows: number[] = [];
  for (let at = 0; at < bytes.length; at += PER_ROW) rows.push(at);
  const lit = (i: number) => highlight !== null && i >= highlight.start && i < highlight.end;
  const cov = (i: number) => covered !== null && i >= covered.start && i < covered.end;
  const cls = (i: number) => `${lit(i) ? ' lit' : ''}${cov(i) ? ' covered' : ''}`;
  const first = highlight?.start ?? covered?.start;
  useEffect(() => {
    if (first === undefined) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-offset="${first}"]`);
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [first]);
  // Copying a selection gives the selected octets as hex the decoders read back,
  // not the screen-reader labels ("byte 0: ") the buttons also hold.
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    const selection = window.getSelection();
    const span = ref.current === null || selection === null ? null : selectedOffsets(ref.current, selection);
    if (span === null) return;
    e.clipboardData.setData('text/plain', hexText(bytes.subarray(span.first, span.last + 1)));
    e.preventDefault();
  };
  return (
    <div className="hex-view" role="group" aria-label="Packet bytes" ref={ref} onCopy={onCopy}>
      <CopyHexButton bytes={bytes} />
      {rows.map((start) => (
        <div className="hex-row" key={start}>
          <span className="hex-offset" aria-hidden="true">{start.toString(16).padStart(4, '0')}</span>
          <span className="hex-bytes">
            {Array.from(bytes.subarray(start, start + PER_ROW), (b, k) => {
              const i = start + k;
              return (
                <button
                  type="button"
                  key={i}
                  className={`hex-byte${cls(i)}`}
                  aria-pressed={lit(i)}
                  data-offset={i}
                  data-covered={cov(i) ? 'true' : undefined}
                  onClick={() => onPickByte(i)}
                >
                  <span className="sr-only">byte {i}{cov(i) ? ' (covered by the authenticator)' : ''}: </span>
                  {b.toString(16).padStart(2, '0')}
                </button>
              );
            })}
          </span>
          <span className="hex-ascii" aria-hidden="true">
            {Array.from(bytes.subarray(start, start + PER_ROW), (b, k) => (
              <span key={k} className={cls(start + k).trim() || undefined}>{b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·'}</span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
});

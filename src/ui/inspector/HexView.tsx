import { memo } from 'react';

interface Props {
  readonly bytes: Uint8Array;
  /** Byte range [start, end) of the selected field. */
  readonly highlight: { readonly start: number; readonly end: number } | null;
  readonly onPickByte: (offset: number) => void;
}

const PER_ROW = 16;

// The bottom pane: offsets, hex and ASCII. Clicking a byte selects the most
// specific field that covers it; the selected field's bytes are highlighted.
export const HexView = memo(function HexView({ bytes, highlight, onPickByte }: Props) {
  const rows: number[] = [];
  for (let at = 0; at < bytes.length; at += PER_ROW) rows.push(at);
  const lit = (i: number) => highlight !== null && i >= highlight.start && i < highlight.end;
  return (
    <div className="hex-view" role="group" aria-label="Packet bytes">
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
                  className={`hex-byte${lit(i) ? ' lit' : ''}`}
                  aria-pressed={lit(i)}
                  data-offset={i}
                  onClick={() => onPickByte(i)}
                >
                  <span className="sr-only">byte {i}: </span>
                  {b.toString(16).padStart(2, '0')}
                </button>
              );
            })}
          </span>
          <span className="hex-ascii" aria-hidden="true">
            {Array.from(bytes.subarray(start, start + PER_ROW), (b, k) => (
              <span key={k} className={lit(start + k) ? 'lit' : undefined}>{b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·'}</span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
});

import { useState } from 'react';
import './keys.css';
import { groupedHex } from './fingerprint';

// A long value (a 768-bit prime, g^x, an RSA-encrypted key) shown as its first
// and last octets with its length, expandable to the whole thing wrapped in
// 4-octet groups: the panel stays readable, and nothing is hidden for good.

/** Values up to this many octets are shown whole. */
const SHORT_OCTETS = 16;

export function HexValue({ hex, label, presentation = false }: { readonly hex: string; readonly label: string; readonly presentation?: boolean }) {
  const [open, setOpen] = useState(false);
  const octets = Math.ceil(hex.length / 2);
  if (octets <= SHORT_OCTETS) return <code className="hex-value">{groupedHex(hex)}</code>;
  const head = presentation ? 4 : 8;
  return (
    <span className="hex-value">
      <code className={open ? 'hex-value-full' : undefined}>
        {open ? groupedHex(hex) : `${groupedHex(hex.slice(0, head * 2))} … ${hex.slice(-8)}`}
      </code>{' '}
      <span className="hex-value-length">({octets} octets)</span>{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        full value<span className="sr-only"> of {label}</span>
      </button>
    </span>
  );
}

import { useState } from 'react';
import './keys.css';
import { groupedHex, keyFingerprint, keyHex, keyLength, type KeyValue } from './fingerprint';

// A key shown as its fingerprint until the learner asks to see it (docs/architecture.md "UI":
// never print full keys by default). Shared by the state tables and the key
// exchange panel, so the same key has the same fingerprint everywhere.
export function SecretKey({ value, label }: { readonly value: KeyValue; readonly label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-key">
      {shown ? (
        <code className="secret-key-hex">{groupedHex(keyHex(value))}</code>
      ) : (
        <span className="secret-key-fingerprint" title={`fingerprint: first 4 octets of SHA-256 of the ${keyLength(value)}-octet key`}>
          <span className="sr-only">fingerprint </span>
          <code>{keyFingerprint(value)}</code>
        </span>
      )}{' '}
      <button type="button" className="link-button" aria-pressed={shown} onClick={() => setShown(!shown)}>
        show<span className="sr-only"> key of {label}</span>
      </button>
    </span>
  );
}

import { memo, useEffect, useState } from 'react';
import { hexText } from './hex-text';
import './capture.css';

interface Props {
  readonly bytes: Uint8Array;
}

// "Copy as hex": the whole packet as text the packet decoder and
// `mip-lab decode` read back (hex-text.ts). Where the clipboard is refused
// (an insecure page, a denied permission) the text is shown to copy by hand.
export const CopyHexButton = memo(function CopyHexButton({ bytes }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => setStatus(null), [bytes]);
  const copy = async (): Promise<void> => {
    const text = hexText(bytes);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied ${bytes.length} octets as hex.`);
    } catch {
      setStatus(`The clipboard is not available here; select and copy: ${text.replace(/\n/g, ' ')}`);
    }
  };
  return (
    <div className="hex-copy">
      <button type="button" onClick={() => void copy()}>Copy as hex</button>
      <span role="status" className="hex-copy-status">{status ?? ''}</span>
    </div>
  );
});

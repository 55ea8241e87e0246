import { useRef } from 'react';
import { useOpenedCapture } from './opened-capture-store';

// "Open capture": pick a pcapng or pcap file; it opens on the capture page
// (#/capture), or is refused there with what is wrong and where.
export function OpenCaptureButton({ label = 'Open capture' }: { readonly label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    useOpenedCapture.getState().open(bytes, file.name);
    if (input.current !== null) input.current.value = ''; // the same file again is a new choice
    window.location.hash = '#/capture';
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>{label}</button>
      <input
        ref={input}
        type="file"
        accept=".pcapng,.pcap,.cap,application/vnd.tcpdump.pcap"
        aria-label={`${label}: choose a pcapng or pcap file`}
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
    </>
  );
}

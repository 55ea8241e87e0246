import { useRef } from 'react';

// "Open capture": pick a pcapng or pcap file; it opens on the capture page
// (#/capture), or is refused there with what is wrong and where. The file reader
// comes with the first file opened, not with the page; if it cannot be fetched the
// capture page, which needs it too, says it could not be loaded.
export function OpenCaptureButton({ label = 'Open capture' }: { readonly label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const { useOpenedCapture } = await import('./opened-capture-store');
      useOpenedCapture.getState().open(bytes, file.name);
    } catch {
      // Unreachable code: the capture page reports it (lazy-view.tsx).
    }
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

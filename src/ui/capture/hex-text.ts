// Packet bytes as text that the lab's own decoders read back — the packet
// decoder page and `mip-lab decode` both take it (engine/wire/hex.ts): two hex
// digits per octet, a space between octets, 16 octets a line, no offsets and
// no labels. The hex view's screen-reader labels ("byte 0: ") are not part of
// it: copying a selection of the hex view gives this text too (copyHexSelection).

const PER_LINE = 16;

export function hexText(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += PER_LINE) {
    lines.push(Array.from(bytes.subarray(at, at + PER_LINE), (b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return lines.join('\n');
}

/**
 * The octets a text selection covers in a hex view: every element with a
 * `data-offset` that one of its ranges touches. Null when it covers none (the
 * browser's own copy then goes ahead).
 */
export function selectedOffsets(container: HTMLElement, selection: Pick<Selection, 'rangeCount' | 'getRangeAt'>): { first: number; last: number } | null {
  const ranges = Array.from({ length: selection.rangeCount }, (_, i) => selection.getRangeAt(i));
  let first = Infinity;
  let last = -1;
  for (const el of container.querySelectorAll<HTMLElement>('[data-offset]')) {
    if (!ranges.some((r) => r.intersectsNode(el))) continue;
    const at = Number(el.dataset.offset);
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return last < 0 ? null : { first, last };
}

// The line of a `received` trace event, "UDP 10.1.0.10 → 198.51.100.5, 92
// octets (link cell1)": two of these per hop, and a flow's datagrams arriving
// over one link all read the same. So each receiving node keeps the lines it
// made last, keyed by everything the line is made from (the frame's
// EtherType, length, IPv4 protocol and addresses, and the link), and hands
// out the very same string again. The text is exactly what describeFrame
// gives; reusing the string also means a kept trace holds it once, not once
// an event (flat-text.ts says why kept strings cost).

import type { Frame } from '../node/contract';
import { EtherType } from '../node/link-address';
import { describeFrame } from './describe-frame';
import { flatText } from './flat-text';
import type { LinkId } from './topology';

interface Line {
  readonly source: number;
  readonly destination: number;
  readonly protocol: number;
  /** Of the whole frame payload, as describeFrame reads it. */
  readonly length: number;
  readonly link: LinkId;
  readonly text: string;
}

/**
 * Lines kept per node at most; past that they are all forgotten and made again as frames come.
 * A router of the large bench scenario hears a few hundred different lines (flows both ways,
 * tunnelled and not), more than a small table of 2^8 slots kept without clashes.
 */
const MAX_LINES = 1024;

export class ReceivedSummaries {
  /** By a 30-bit hash of the fields (a small integer key); a clash only costs a rebuild. */
  private readonly lines = new Map<number, Line>();

  /** `${describeFrame(frame)} (link ${link})`, flat, the same string object for frames that read the same. */
  text(frame: Frame, link: LinkId): string {
    const p = frame.payload;
    // Only a well-formed IPv4 header's fields make the line (describe-frame.ts); anything else is built each time.
    if (frame.etherType !== EtherType.IPV4 || p.length < 20 || p[0]! >> 4 !== 4) return flatText(`${describeFrame(frame)} (link ${link})`);
    const source = ((p[12]! << 24) | (p[13]! << 16) | (p[14]! << 8) | p[15]!) >>> 0;
    const destination = ((p[16]! << 24) | (p[17]! << 16) | (p[18]! << 8) | p[19]!) >>> 0;
    const protocol = p[9]!;
    const length = p.length;
    const key = Math.imul(source ^ Math.imul(destination, 0x9e3779b1) ^ (protocol << 16) ^ length, 0x85ebca6b) >>> 2;
    const line = this.lines.get(key);
    if (line !== undefined && line.source === source && line.destination === destination && line.protocol === protocol && line.length === length && line.link === link) return line.text;
    const text = flatText(`${describeFrame(frame)} (link ${link})`);
    if (line === undefined && this.lines.size >= MAX_LINES) this.lines.clear();
    this.lines.set(key, { source, destination, protocol, length, link, text });
    return text;
  }
}

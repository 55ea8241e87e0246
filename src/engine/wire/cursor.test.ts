// Reader.take hands out views of the packet, not copies (cursor.ts): the
// parsed record and the packet share one buffer, which is why packet bytes are
// read-only (docs/architecture.md "Engine").

import { describe, expect, it } from 'vitest';
import { Reader } from './cursor';
import { parseIpv4 } from './ipv4';
import { udpDatagram } from './datagram';

describe('Reader.take', () => {
  it('reads the next octets as a view of the packet and moves on', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const r = new Reader(bytes, 'test', 1);
    const taken = r.take(3);
    expect([...taken]).toEqual([2, 3, 4]);
    expect(taken.buffer).toBe(bytes.buffer);
    expect(taken.byteOffset).toBe(1);
    expect(r.offset).toBe(4);
    expect(r.take(0)).toHaveLength(0);
    expect(r.offset).toBe(4);
  });

  it('so a parsed datagram payload is the tail of the packet itself', () => {
    const packet = udpDatagram({ source: '10.1.0.10', destination: '10.2.0.10' }, 1000, 2000, new Uint8Array([9, 8, 7]));
    const d = parseIpv4(packet);
    if (!d.ok) throw new Error('bad datagram');
    expect(d.value.payload.buffer).toBe(packet.buffer);
    expect([...d.value.payload]).toEqual([...packet.subarray(20)]);
    expect(d.value.options).toHaveLength(0);
  });
});

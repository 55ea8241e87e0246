import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSamplePackets } from '../samples/sample-packets';
import type { FieldNode } from './dissection';
import { findAll, findNode } from './mip/test-support/tree';
import {  } from './mip/test-support/vectors';
import { MAX_TUNNEL_DEPTH, describePacket, dissectPacket, dissectPacketFully, type DissectedPacket } from './packet';
import { hexToBytes } from './test-support/laws';
import { concatBytes } from './bytes';
import { INNER_AT_HA_EXIT, IPIP_OUTER_AT_HA } from './test-support/tunnel-fixtures';

// Golden packets assembled by hand from the spec's test vectors
// (docs/protocol-notes.md §Test vectors), never by the encoders.

/** docs/protocol-notes.md §Test vectors: the ro98 Registration Request from 10.1.0.10:49152 to the FA 192.168.2.1:434. */
const RRQ_DATAGRAM = hexToBytes(`
  45 00 00 4a 00 01 00 00 01 11 ec ee 0a 01 00 0a c0 a8 02 01
  c0 00 01 b2 00 36 97 8b
  01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78
  20 14 00 00 01 00 70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9`);

// The docs/protocol-notes.md §Test vectors inner datagram (CN 198.51.100.5:5000 → MN 10.1.0.10:7, "ping", DF, TTL 63)
// and IP-in-IP outer header (HA 10.1.0.1 → CoA 192.168.2.1): test-support/tunnel-fixtures.ts.
const IP_IN_IP = concatBytes(IPIP_OUTER_AT_HA, INNER_AT_HA_EXIT);
/** docs/protocol-notes.md §Test vectors: minimal encapsulation of the same datagram (modified IP header + 12-octet forwarding header). */
const MINIMAL = hexToBytes(`
  45 00 00 2c 00 42 40 00 3f 37 6e ae 0a 01 00 01 c0 a8 02 01
  11 80 ba 3b 0a 01 00 0a c6 33 64 05
  13 88 00 07 00 0c d9 32 70 69 6e 67`);
/** GRE (RFC 1701 §2): the IP-in-IP outer header with Protocol 47 and Total Length 56 (checksum 0x5bb8, computed by hand), then `00 00 08 00`. */
const GRE = concatBytes(hexToBytes('45 00 00 38 12 34 40 00 40 2f 5b b8 0a 01 00 01 c0 a8 02 01  00 00 08 00'), INNER_AT_HA_EXIT);

// ---- a tiny, independent IPv4 header builder for the nested cases ----

function onesComplementChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const addr = (a: string): number[] => a.split('.').map(Number);

/** A 20-octet IPv4 header in front of `payload`, checksum computed here (not by ipv4.ts). */
function ip(protocol: number, source: string, destination: string, payload: Uint8Array, opts: { ttl?: number; flags?: number } = {}): Uint8Array {
  const total = 20 + payload.length;
  const flags = opts.flags ?? 0;
  const h = Uint8Array.from([0x45, 0, total >> 8, total & 0xff, 0, 7, flags >> 8, flags & 0xff, opts.ttl ?? 64, protocol, 0, 0, ...addr(source), ...addr(destination)]);
  const c = onesComplementChecksum(h);
  h[10] = c >> 8;
  h[11] = c & 0xff;
  return concatBytes(h, payload);
}

const ipInIp = (inner: Uint8Array, source = '10.1.0.1', destination = '192.168.2.1') => ip(4, source, destination, inner);
const greAround = (inner: Uint8Array, protocolType = 0x0800) => ip(47, '10.1.0.1', '192.168.2.1', concatBytes(Uint8Array.of(0, 0, protocolType >> 8, protocolType & 0xff), inner));

// ---- laws every successful dissection obeys ----

function dissected(bytes: Uint8Array): DissectedPacket {
  const r = dissectPacketFully(bytes);
  if (!r.ok) throw new Error(`did not dissect: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * Nodes that point at other octets than their parent's, only checked to lie
 * within the packet: an authenticator's "Covered bytes" (the earlier octets it
 * covers, RFC 2002 §3.5.1, for the inspector to highlight), by design.
 */
const POINTER_NODES: ReadonlySet<string> = new Set(['Covered bytes']);

/** Every field lies within the packet and within its parent (plain checks: the fuzz calls this on thousands of trees). */
function expectNested(node: FieldNode, start: number, end: number, packetLength = end, path = node.name): void {
  if (!Number.isInteger(node.offset) || !Number.isInteger(node.length) || node.length < 0) throw new Error(`${path}: bad range [${node.offset}, +${node.length}]`);
  if (node.offset < start || node.offset + node.length > end) throw new Error(`${path} [${node.offset}, +${node.length}] is not within its parent [${start}, ${end})`);
  for (const c of node.children ?? []) {
    const [s, e] = POINTER_NODES.has(c.name) ? [0, packetLength] : [node.offset, node.offset + node.length];
    expectNested(c, s, e, packetLength, `${path} › ${c.name}`);
  }
}

/** The layers are siblings, outermost first, and together account for every octet exactly once. */
function expectLayersTile(root: FieldNode, length: number): void {
  expect(root.offset).toBe(0);
  expect(root.length).toBe(length);
  let at = 0;
  for (const layer of root.children ?? []) {
    expect(layer.offset, `layer ${layer.name} does not start where the previous one ended`).toBe(at);
    at += layer.length;
  }
  expect(at, 'the layers do not reach the end of the packet').toBe(length);
}

function expectLaws(bytes: Uint8Array): DissectedPacket {
  const d = dissected(bytes);
  expectNested(d.root, 0, bytes.length);
  expectLayersTile(d.root, bytes.length);
  return d;
}

const layerNames = (d: DissectedPacket) => (d.root.children ?? []).map((c) => c.name);
const fieldIn = (node: FieldNode, name: string) => {
  const f = findNode(node, name);
  return { offset: f.offset, length: f.length, value: f.value };
};

describe('packet walker: golden stories from the spec vectors', () => {
  it('walks the docs/protocol-notes.md §Test vectors Registration Request datagram: IPv4, UDP, Mobile IP', () => {
    const d = expectLaws(RRQ_DATAGRAM);
    expect(layerNames(d)).toEqual(['Internet Protocol Version 4', 'User Datagram Protocol', 'Mobile IP Registration Request']);
    expect(d.description).toEqual({
      name: 'Registration Request',
      summary: '10.1.0.10 → 192.168.2.1 — Registration Request',
      protocols: ['IPv4', 'UDP', 'Mobile IP'],
      kind: 'control',
      tunnelled: false,
    });
    const [ipv4, udp, mip] = d.root.children!;
    expect(fieldIn(ipv4!, 'Time to Live')).toEqual({ offset: 8, length: 1, value: '1' });
    expect(fieldIn(ipv4!, 'Header Checksum')).toEqual({ offset: 10, length: 2, value: '0xecee [correct]' });
    expect(fieldIn(udp!, 'Destination Port')).toEqual({ offset: 22, length: 2, value: '434 (Mobile IP)' });
    expect(fieldIn(udp!, 'Checksum')).toEqual({ offset: 26, length: 2, value: '0x978b [correct]' });
    expect(fieldIn(mip!, 'Lifetime')).toEqual({ offset: 30, length: 2, value: '300 s' });
    expect(fieldIn(mip!, 'Home Address')).toEqual({ offset: 32, length: 4, value: '10.1.0.10' });
    expect(fieldIn(mip!, 'Home Agent')).toEqual({ offset: 36, length: 4, value: '10.1.0.1' });
    expect(fieldIn(mip!, 'Care-of Address')).toEqual({ offset: 40, length: 4, value: '192.168.2.1' });
    const mh = findNode(mip!, 'Mobile-Home Authentication extension');
    expect([mh.offset, mh.length]).toEqual([52, 22]);
    expect(fieldIn(mh, 'SPI')).toMatchObject({ offset: 54, length: 4, value: expect.stringMatching(/^256\b/) });
    expect(fieldIn(mh, 'Authenticator')).toMatchObject({ offset: 58, length: 16, value: expect.stringContaining('70 55 55 e8') });
    // every node carries no warning: the vector is correct throughout
    expect(findAll(d.root, /./).filter((n) => n.warning !== undefined)).toEqual([]);
  });

  it('walks the docs/protocol-notes.md §Test vectors IP-in-IP datagram: tunnel, inner IPv4, UDP, data', () => {
    const d = expectLaws(IP_IN_IP);
    expect(layerNames(d)).toEqual(['IP in IP tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Data']);
    expect(d.description).toEqual({
      name: 'UDP data 5000 → 7',
      summary: '10.1.0.1 → 192.168.2.1 [IP in IP] ⇒ 198.51.100.5 → 10.1.0.10 — UDP data 5000 → 7',
      protocols: ['IPv4', 'IP in IP', 'IPv4', 'UDP'],
      kind: 'data',
      tunnelled: true,
    });
    const [tunnel, inner, udp, data] = d.root.children!;
    expect([tunnel!.offset, tunnel!.length]).toEqual([0, 20]);
    expect(fieldIn(tunnel!, 'Header Checksum')).toEqual({ offset: 10, length: 2, value: '0x5be7 [correct]' });
    expect(fieldIn(tunnel!, 'Time to Live')).toEqual({ offset: 8, length: 1, value: '64' });
    expect(fieldIn(inner!, 'Time to Live')).toEqual({ offset: 28, length: 1, value: '63' });
    expect(fieldIn(inner!, 'Source Address')).toEqual({ offset: 32, length: 4, value: '198.51.100.5' });
    expect(fieldIn(udp!, 'Checksum')).toEqual({ offset: 46, length: 2, value: '0xd932 [correct]' });
    expect(data).toMatchObject({ offset: 48, length: 4, value: '70 69 6e 67' });
  });

  it('walks the docs/protocol-notes.md §Test vectors minimal encapsulation: the UDP checksum verifies against the restored addresses', () => {
    const d = expectLaws(MINIMAL);
    expect(layerNames(d)).toEqual(['Minimal encapsulation tunnel', 'User Datagram Protocol', 'Data']);
    expect(d.description).toEqual({
      name: 'UDP data 5000 → 7',
      summary: '10.1.0.1 → 192.168.2.1 [minimal encapsulation] ⇒ 198.51.100.5 → 10.1.0.10 — UDP data 5000 → 7',
      protocols: ['IPv4', 'Minimal encapsulation', 'UDP'],
      kind: 'data',
      tunnelled: true,
    });
    const [tunnel, udp] = d.root.children!;
    expect(tunnel!.children!.map((c) => c.name)).toEqual(['Internet Protocol Version 4', 'Minimal Forwarding Header']);
    expect(fieldIn(tunnel!, 'Header Checksum')).toEqual({ offset: 10, length: 2, value: '0x6eae [correct]' });
    const mfh = findNode(tunnel!, 'Minimal Forwarding Header');
    expect([mfh.offset, mfh.length]).toEqual([20, 12]);
    expect(fieldIn(mfh, 'Header Checksum')).toEqual({ offset: 22, length: 2, value: '0xba3b [correct]' });
    expect(fieldIn(mfh, 'Original Destination Address')).toEqual({ offset: 24, length: 4, value: '10.1.0.10' });
    expect(fieldIn(mfh, 'Original Source Address')).toEqual({ offset: 28, length: 4, value: '198.51.100.5' });
    // 0xd932 is right only over the pseudo-header of 198.51.100.5 → 10.1.0.10, not of the outer HA → CoA
    expect(fieldIn(udp!, 'Checksum')).toEqual({ offset: 38, length: 2, value: '0xd932 [correct]' });
  });

  it('walks a GRE tunnel (RFC 1701 §2 header 00 00 08 00)', () => {
    const d = expectLaws(GRE);
    expect(layerNames(d)).toEqual(['GRE tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Data']);
    expect(d.description.protocols).toEqual(['IPv4', 'GRE', 'IPv4', 'UDP']);
    expect(d.description.summary).toBe('10.1.0.1 → 192.168.2.1 [GRE] ⇒ 198.51.100.5 → 10.1.0.10 — UDP data 5000 → 7');
    expect(d.description.tunnelled).toBe(true);
    const tunnel = d.root.children![0]!;
    expect([tunnel.offset, tunnel.length]).toEqual([0, 24]);
    expect(fieldIn(tunnel, 'Header Checksum')).toEqual({ offset: 10, length: 2, value: '0x5bb8 [correct]' });
    expect(fieldIn(tunnel, 'Protocol Type')).toEqual({ offset: 22, length: 2, value: '0x0800 (IPv4)' });
    expect(d.root.children![1]!.offset).toBe(24);
  });

  it('shows a GRE payload that is not IPv4 as data named by its Protocol Type', () => {
    const d = expectLaws(greAround(Uint8Array.of(1, 2, 3, 4, 5, 6), 0x86dd));
    expect(layerNames(d)).toEqual(['GRE tunnel', 'Data']);
    expect(d.description).toMatchObject({ name: 'GRE payload (protocol type 0x86dd)', protocols: ['IPv4', 'GRE'], tunnelled: true, kind: 'data' });
    expect(d.root.children![1]).toMatchObject({ offset: 24, length: 6, value: '01 02 03 04 05 06' });
  });

  it('finds the Mobile IP message inside a tunnel: the Registration Request carried IP in IP', () => {
    const d = expectLaws(ipInIp(RRQ_DATAGRAM));
    expect(layerNames(d)).toEqual(['IP in IP tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Mobile IP Registration Request']);
    expect(d.description).toEqual({
      name: 'Registration Request',
      summary: '10.1.0.1 → 192.168.2.1 [IP in IP] ⇒ 10.1.0.10 → 192.168.2.1 — Registration Request',
      protocols: ['IPv4', 'IP in IP', 'IPv4', 'UDP', 'Mobile IP'],
      kind: 'control',
      tunnelled: true,
    });
    expect(fieldIn(d.root, 'Care-of Address')).toEqual({ offset: 60, length: 4, value: '192.168.2.1' });
  });

  it('keeps the inner hop in the summary when the inner addresses equal the outer ones', () => {
    // A special tunnel (Perkins & Johnson §4.3; spectun-00 §3) of a datagram FA1 itself sent to the MN's home address.
    const own = ip(17, '192.168.2.1', '10.1.0.10', INNER_AT_HA_EXIT.slice(20), { ttl: 64 });
    const d = expectLaws(ipInIp(own, '192.168.2.1', '10.1.0.10'));
    expect(d.description.summary).toBe('192.168.2.1 → 10.1.0.10 [IP in IP] ⇒ 192.168.2.1 → 10.1.0.10 — UDP data 5000 → 7');
  });

  it('walks nested tunnels: IP in IP inside GRE, minimal encapsulation inside IP in IP', () => {
    const d1 = expectLaws(greAround(ipInIp(INNER_AT_HA_EXIT, '10.1.0.1', '192.168.3.1')));
    expect(layerNames(d1)).toEqual(['GRE tunnel', 'IP in IP tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Data']);
    expect(d1.description.protocols).toEqual(['IPv4', 'GRE', 'IPv4', 'IP in IP', 'IPv4', 'UDP']);
    expect(d1.description.summary).toBe('10.1.0.1 → 192.168.2.1 [GRE] ⇒ 10.1.0.1 → 192.168.3.1 [IP in IP] ⇒ 198.51.100.5 → 10.1.0.10 — UDP data 5000 → 7');
    expect(fieldIn(d1.root.children![1]!, 'Destination Address')).toEqual({ offset: 40, length: 4, value: '192.168.3.1' });

    const d2 = expectLaws(ipInIp(MINIMAL, '192.168.2.1', '192.168.3.1'));
    expect(layerNames(d2)).toEqual(['IP in IP tunnel', 'Minimal encapsulation tunnel', 'User Datagram Protocol', 'Data']);
    expect(d2.description.protocols).toEqual(['IPv4', 'IP in IP', 'IPv4', 'Minimal encapsulation', 'UDP']);
    expect(fieldIn(d2.root.children![2]!, 'Checksum')).toEqual({ offset: 58, length: 2, value: '0xd932 [correct]' });
  });

  it('walks on into an IP-in-IP datagram that was itself minimally encapsulated (restored Protocol 4)', () => {
    // Minimal encapsulation by 10.1.0.1 (S = 1) of the docs/protocol-notes.md §Test vectors IP-in-IP datagram: Protocol 4 moves into the
    // forwarding header, whose payload is then the whole inner IPv4 datagram.
    const mfh = hexToBytes('04 80 00 00 c0 a8 02 01 0a 01 00 01');
    const c = onesComplementChecksum(mfh);
    mfh[2] = c >> 8;
    mfh[3] = c & 0xff;
    const d = expectLaws(ip(55, '10.1.0.1', '192.168.3.1', concatBytes(mfh, INNER_AT_HA_EXIT)));
    expect(layerNames(d)).toEqual(['Minimal encapsulation tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Data']);
    expect(d.description.protocols).toEqual(['IPv4', 'Minimal encapsulation', 'IP in IP', 'IPv4', 'UDP']);
    expect(d.description.name).toBe('UDP data 5000 → 7');
    expect(fieldIn(d.root.children![1]!, 'Source Address')).toEqual({ offset: 44, length: 4, value: '198.51.100.5' });
  });

  it('walks ICMP: the docs/protocol-notes.md §Test vectors Agent Advertisement is discovery, a Time Exceeded is an ICMP error', () => {
    // docs/protocol-notes.md §Test vectors: 32-octet advertisement (ICMP checksum 0x23f0) from the FA to 224.0.0.1, TTL 1; IP checksum 0x171f by hand
    const advertisement = hexToBytes(`
      45 00 00 34 00 00 00 00 01 01 17 1f c0 a8 02 01 e0 00 00 01
      09 00 23 f0 01 02 00 03 c0 a8 02 01 00 00 00 00
      10 0a 00 00 01 2c 10 80 c0 a8 02 01 13 01 18 00`);
    const a = expectLaws(advertisement);
    expect(layerNames(a)).toHaveLength(2);
    expect(a.description).toEqual({ name: 'Agent Advertisement', summary: '192.168.2.1 → 224.0.0.1 — Agent Advertisement', protocols: ['IPv4', 'ICMP'], kind: 'discovery', tunnelled: false });
    expect(findAll(a.root, /./).filter((n) => n.warning !== undefined)).toEqual([]);

    // Time Exceeded (type 11, code 0) from the HA, quoting the docs/protocol-notes.md §Test vectors inner datagram's header and 8 octets (RFC 792)
    const icmp = concatBytes(Uint8Array.of(11, 0, 0, 0, 0, 0, 0, 0), INNER_AT_HA_EXIT.subarray(0, 28));
    const c = onesComplementChecksum(icmp);
    icmp[2] = c >> 8;
    icmp[3] = c & 0xff;
    const t = expectLaws(ip(1, '10.1.0.1', '198.51.100.5', icmp));
    expect(t.description).toEqual({ name: 'ICMP Time Exceeded', summary: '10.1.0.1 → 198.51.100.5 — ICMP Time Exceeded', protocols: ['IPv4', 'ICMP'], kind: 'icmp-error', tunnelled: false });

    // an Echo Request is neither: plain data
    const echo = Uint8Array.of(8, 0, 0, 0, 0, 1, 0, 1);
    const e = onesComplementChecksum(echo);
    echo[2] = e >> 8;
    echo[3] = e & 0xff;
    expect(expectLaws(ip(1, '10.1.0.10', '10.1.0.1', echo)).description).toMatchObject({ name: 'ICMP Echo Request', kind: 'data' });
  });

  it('shows the payload of a protocol it does not walk as data', () => {
    const d = expectLaws(ip(6, '10.1.0.10', '198.51.100.5', Uint8Array.of(0x13, 0x88, 0x00, 0x50)));
    expect(layerNames(d)).toEqual(['Internet Protocol Version 4', 'Data']);
    expect(d.description).toMatchObject({ protocols: ['IPv4', d.description.name], kind: 'data', tunnelled: false });
    expect(d.root.children![1]).toMatchObject({ offset: 20, length: 4, value: '13 88 00 50', ref: 'IP protocol 6' });
  });

  function nested(levels: number): Uint8Array {
    let p = INNER_AT_HA_EXIT;
    for (let i = 0; i < levels; i++) p = ipInIp(p);
    return p;
  }

  it(`allows ${MAX_TUNNEL_DEPTH} nested tunnels and refuses one more with a typed error`, () => {
    const deepest = expectLaws(nested(MAX_TUNNEL_DEPTH));
    expect(deepest.description.protocols.filter((p) => p === 'IP in IP')).toHaveLength(MAX_TUNNEL_DEPTH);
    expect(deepest.description.name).toBe('UDP data 5000 → 7');
    expect(dissectPacket(nested(MAX_TUNNEL_DEPTH + 1))).toEqual({
      ok: false,
      error: { layer: 'Packet', field: 'tunnel nesting', offset: 20 * (MAX_TUNNEL_DEPTH + 1), reason: `more than ${MAX_TUNNEL_DEPTH} nested tunnels` },
    });
    // hostile: thousands of levels are refused just as quickly
    const t0 = performance.now();
    expect(dissectPacket(nested(3000)).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('does not parse a fragment beyond IP, not even a tunnel or a Mobile IP message', () => {
    const first = RRQ_DATAGRAM.slice(0, 40); // first 20 octets of the UDP datagram, MF set
    const fragment = ip(17, '10.1.0.10', '192.168.2.1', first.slice(20), { flags: 0x2000 });
    const d = expectLaws(fragment);
    expect(layerNames(d)).toEqual(['Internet Protocol Version 4', 'Fragment data']);
    expect(d.description).toEqual({ name: 'IPv4 fragment (offset 0)', summary: '10.1.0.10 → 192.168.2.1 — IPv4 fragment (offset 0)', protocols: ['IPv4'], kind: 'data', tunnelled: false });
    expect(d.root.children![1]).toMatchObject({ offset: 20, length: 20 });

    const later = expectLaws(ip(4, '10.1.0.1', '192.168.2.1', INNER_AT_HA_EXIT.slice(8), { flags: 0x0001 })); // offset 8, IP in IP
    expect(later.description).toMatchObject({ name: 'IPv4 fragment (offset 8)', protocols: ['IPv4'], tunnelled: false });
  });

  it('gives octets after the IPv4 Total Length a node of their own (link-layer padding)', () => {
    const padded = concatBytes(RRQ_DATAGRAM, new Uint8Array(6));
    const d = expectLaws(padded);
    expect(layerNames(d).at(-1)).toBe('Trailing octets');
    expect(d.root.children!.at(-1)).toMatchObject({ offset: 74, length: 6 });
    expect(d.description).toEqual(dissected(RRQ_DATAGRAM).description);
  });

  it('gives octets after an inner Total Length, and after a UDP Length, a node too', () => {
    // IP in IP whose outer Total Length covers 4 octets more than the inner datagram
    const d = expectLaws(ipInIp(concatBytes(INNER_AT_HA_EXIT, Uint8Array.of(0xde, 0xad, 0xbe, 0xef))));
    expect(layerNames(d)).toEqual(['IP in IP tunnel', 'Internet Protocol Version 4', 'User Datagram Protocol', 'Data', 'Trailing octets']);
    expect(d.root.children!.at(-1)).toMatchObject({ offset: 52, length: 4 });
    // UDP Length 12 inside 16 octets of IP payload (checksum 0: none sent)
    const udp = expectLaws(ip(17, '198.51.100.5', '10.1.0.10', hexToBytes('13 88 00 07 00 0c 00 00 70 69 6e 67 00 00 00 00')));
    expect(layerNames(udp)).toEqual(['Internet Protocol Version 4', 'User Datagram Protocol', 'Data', 'Trailing octets']);
    expect(udp.root.children!.at(-1)).toMatchObject({ offset: 32, length: 4 });
  });

  it('names the profile in the dissection: ro98 (keyed-MD5) by default, rfc3344 (HMAC-MD5) on request', () => {
    const ro98 = dissectPacket(RRQ_DATAGRAM);
    const rfc3344 = dissectPacket(RRQ_DATAGRAM, 'rfc3344');
    if (!ro98.ok || !rfc3344.ok) throw new Error('did not dissect');
    expect(findNode(ro98.value, 'Covered bytes').value).toMatch(/keyed-MD5/);
    expect(findNode(rfc3344.value, 'Covered bytes').value).toMatch(/HMAC-MD5/);
    expect(findNode(rfc3344.value, 'Covered bytes').length).toBe(findNode(ro98.value, 'Covered bytes').length + 4); // the SPI is covered too
  });
});

describe('packet walker: typed errors at absolute offsets', () => {
  it('names the IPv4 Total Length of a truncated datagram', () => {
    expect(dissectPacket(RRQ_DATAGRAM.slice(0, 60))).toEqual({ ok: false, error: { layer: 'IPv4', field: 'Total Length', offset: 2, reason: '74 exceeds the 60 octets available' } });
  });

  it('reports an error inside a tunnel at its offset in the whole packet', () => {
    const bad = IP_IN_IP.slice();
    bad[20] = 0x65; // inner Version 6
    expect(dissectPacket(bad)).toMatchObject({ ok: false, error: { layer: 'IPv4', field: 'Version', offset: 20 } });
  });

  it('reports a malformed Mobile IP extension at its offset in the whole packet', () => {
    const bad = RRQ_DATAGRAM.slice();
    bad[53] = 0x30; // Mobile-Home Length 48: runs past the end of the message
    const r = dissectPacket(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.offset).toBeGreaterThanOrEqual(52);
      expect(r.error.offset).toBeLessThan(74);
      expect(r.error.layer).not.toBe('IPv4');
    }
  });

  it('refuses a version, an IHL and a tunnel header it cannot read', () => {
    expect(dissectPacket(Uint8Array.of())).toMatchObject({ ok: false, error: { layer: 'IPv4', offset: 0 } });
    const ihl = RRQ_DATAGRAM.slice(); ihl[0] = 0x44;
    expect(dissectPacket(ihl)).toMatchObject({ ok: false, error: { field: 'IHL', offset: 0 } });
    expect(dissectPacket(ip(55, '10.1.0.1', '192.168.2.1', Uint8Array.of(17, 0x80, 0, 0)))).toMatchObject({ ok: false, error: { layer: 'Minimal forwarding header', offset: 20 } });
    expect(dissectPacket(ip(47, '10.1.0.1', '192.168.2.1', Uint8Array.of(0x80, 0, 8, 0)))).toMatchObject({ ok: false, error: { layer: 'GRE', offset: 24 } });
  });
});

describe('packet walker over the sample packets', () => {
  const samples = buildSamplePackets({ seed: 1 });

  it('dissects every sample, every field inside its parent, the layers tiling the packet', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const s of samples) {
      const d = expectLaws(s.bytes);
      expect(d.description.summary.endsWith(` — ${d.description.name}`), s.name).toBe(true);
    }
  });

  it('returns a typed error for every truncation of every sample, and still works afterwards', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const s of samples) {
      const whole = dissectPacketFully(s.bytes);
      for (let n = 0; n < s.bytes.length; n++) {
        const r = dissectPacketFully(s.bytes.slice(0, n));
        if (r.ok) throw new Error(`${s.name}: truncation to ${n} of ${s.bytes.length} octets dissected without error`);
        // the IPv4 Total Length no longer fits: the error is always the outer header's
        expect(r.error.layer).toBe('IPv4');
        expect(r.error.field.length).toBeGreaterThan(0);
        expect(r.error.reason.length).toBeGreaterThan(0);
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset).toBeLessThanOrEqual(n);
      }
      expect(dissectPacketFully(s.bytes)).toEqual(whole);
    }
  });

  /** No throw, bounded time, the three entry points agree, and what dissects obeys the laws. */
  function check(bytes: Uint8Array): void {
    const t0 = performance.now();
    const full = dissectPacketFully(bytes);
    const tree = dissectPacket(bytes);
    const description = describePacket(bytes);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(tree.ok).toBe(full.ok);
    expect(description.ok).toBe(full.ok);
    if (full.ok && tree.ok && description.ok) {
      expect(tree.value).toEqual(full.value.root);
      expect(description.value).toEqual(full.value.description);
      expectNested(full.value.root, 0, bytes.length);
      expectLayersTile(full.value.root, bytes.length);
    } else if (!full.ok && !tree.ok && !description.ok) {
      expect(tree.error).toEqual(full.error);
      expect(description.error).toEqual(full.error);
      expect(full.error.offset).toBeGreaterThanOrEqual(0);
      expect(full.error.offset).toBeLessThanOrEqual(bytes.length);
    }
  }

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), check), { numRuns: 2000 });
  });

  it('never throws on a valid IPv4 header around random bytes of any protocol it walks', () => {
    const protocols = fc.constantFrom(1, 4, 17, 47, 55, 6);
    // UDP to port 434 with random bytes after it, so the Mobile IP parsers get hostile input too
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => concatBytes(Uint8Array.of(0xc0, 0x00, 0x01, 0xb2, (b.length + 8) >> 8, (b.length + 8) & 0xff, 0, 0), b)),
    );
    fc.assert(fc.property(protocols, payload, fc.constantFrom(0, 0x2000, 0x4000), (p, b, flags) => check(ip(p, '10.1.0.1', '192.168.2.1', b, { flags }))), { numRuns: 2000 });
  });

  it('never throws on mutated sample packets', () => {
    const valid = [...samples.map((s) => s.bytes), RRQ_DATAGRAM, IP_IN_IP, MINIMAL, GRE];
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
      .map(([base, muts]) => {
        const b = base.slice();
        for (const [pos, val] of muts) b[pos % b.length] = val;
        return b;
      });
    fc.assert(fc.property(mutated, check), { numRuns: 3000 });
  });
});

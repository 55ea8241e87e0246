import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../crypto/authenticator';
import { bytesToBigInt } from '../crypto/bigint-math';
import { dhGroupFromWire, dhRegistrationKey, dhSharedSecret } from '../crypto/diffie-hellman';
import { decodeKeyFromReply } from '../crypto/key-encoding';
import { publicKeyOf } from '../crypto/rsa-key';
import { rsaOaepDecrypt } from '../crypto/rsa-oaep';
import { parseRsaPublicKeyDer } from '../crypto/rsa-spki';
import type { FieldNode } from '../wire/dissection';
import { parseIpv4, type Ipv4Datagram } from '../wire/ipv4';
import { extensionOffsets } from '../wire/mip/extensions/extensions';
import type { MipExtension, MipExtensionKind } from '../wire/mip/extensions/mip-extension';
import { parseMipMessage, type MipMessage, type MipMessageKind } from '../wire/mip/mip-message';
import { BU_FROM_NEW_FA, BW_VECTOR, BR_VECTOR, PFAN_EXTENSION } from '../wire/mip/test-support/vectors';
import { dissectPacketFully } from '../wire/packet';
import { bytesToHex } from '../wire/test-support/laws';
import { parseUdp } from '../wire/udp';
import { LINKS, buildSamplePackets, type SamplePacket } from './sample-packets';
import { ADDR, createSampleWorld } from './sample-world';

const SEED = 1;
const samples = buildSamplePackets({ seed: SEED });
// The world is rebuilt from the seed: the keys a receiver holds, not what the builder used.
const world = createSampleWorld(SEED);

interface OpenedMip {
  readonly sample: SamplePacket;
  /** The outermost IPv4 header, and the innermost datagram (the same for untunnelled samples). */
  readonly outer: Ipv4Datagram;
  readonly ip: Ipv4Datagram;
  /** The UDP payload: the Mobile IP message, offsets relative to its Type octet. */
  readonly payload: Uint8Array;
  readonly message: MipMessage;
  readonly sourcePort: number;
  readonly destinationPort: number;
}

function mustIp(bytes: Uint8Array): Ipv4Datagram {
  const r = parseIpv4(bytes);
  if (!r.ok) throw new Error(`not IPv4: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Peels IP in IP, then reads UDP and the Mobile IP message; null for samples that carry none. */
function openMip(sample: SamplePacket): OpenedMip | null {
  const outer = mustIp(sample.bytes);
  let ip = outer;
  while (ip.protocol === 4) ip = mustIp(ip.payload);
  if (ip.protocol !== 17) return null;
  const udp = parseUdp(ip.payload, 0, ip.payload.length, ip);
  if (!udp.ok) throw new Error(`${sample.name}: bad UDP`);
  if (udp.value.sourcePort !== 434 && udp.value.destinationPort !== 434) return null;
  const m = parseMipMessage(udp.value.payload);
  if (!m.ok) throw new Error(`${sample.name}: bad Mobile IP message ${JSON.stringify(m.error)}`);
  return { sample, outer, ip, payload: udp.value.payload, message: m.value, sourcePort: udp.value.sourcePort, destinationPort: udp.value.destinationPort };
}

const opened: OpenedMip[] = samples.map(openMip).filter((o): o is OpenedMip => o !== null);

const extensionsOf = (m: MipMessage): readonly MipExtension[] => ('extensions' in m ? m.extensions : []);

/** Every extension of a kind across the samples, with where it sits in its message. */
function every<K extends MipExtensionKind>(kind: K): { o: OpenedMip; ext: MipExtension & { kind: K }; at: number; index: number }[] {
  return opened.flatMap((o) => {
    const offsets = extensionOffsets(o.message);
    return extensionsOf(o.message).flatMap((ext, index) => (ext.kind === kind ? [{ o, ext: ext as MipExtension & { kind: K }, at: offsets[index]!, index }] : []));
  });
}

function sampleNamed(pattern: RegExp): SamplePacket {
  const found = samples.filter((s) => pattern.test(s.name));
  if (found.length !== 1) throw new Error(`${found.length} samples match ${pattern}`);
  return found[0]!;
}

const openNamed = (pattern: RegExp): OpenedMip => openMip(sampleNamed(pattern))!;

describe('sample packets: what they claim to be', () => {
  it('have unique names, a spec reference each, and a link from LINKS', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    expect(new Set(samples.map((s) => s.name)).size).toBe(samples.length);
    const links: readonly string[] = Object.values(LINKS);
    for (const s of samples) {
      expect(links, s.name).toContain(s.link);
      expect(s.ref, s.name).toMatch(/§|OC-|rfc/);
    }
  });

  it('dissect without a single warning: every checksum, reserved field and SPI is right', () => {
    const warnings = (n: FieldNode): string[] => [...(n.warning ? [`${n.name}: ${n.warning}`] : []), ...(n.children ?? []).flatMap(warnings)];
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const s of samples) {
      const d = dissectPacketFully(s.bytes);
      if (!d.ok) throw new Error(`${s.name} does not dissect`);
      expect(warnings(d.value.root), s.name).toEqual([]);
    }
  });

  it('verify: every authentication extension in every sample, with the key of the association its SPI names', () => {
    const keyOfSpi = new Map<number, { kinds: readonly string[]; key: Uint8Array }>([
      [world.mnHa.spi, { kinds: ['mobile-home-auth'], key: world.mnHa.key }],
      [world.mnFa.spi, { kinds: ['mobile-foreign-auth'], key: world.mnFa.key }],
      [world.faHa.spi, { kinds: ['foreign-home-auth'], key: world.faHa.key }],
      [world.haCn.spi, { kinds: ['ro-auth'], key: world.haCn.key }],
      [world.mnFa1.spi, { kinds: ['ro-auth'], key: world.mnFa1.key }],
    ]);
    let verified = 0;
    for (const o of opened) {
      const offsets = extensionOffsets(o.message);
      extensionsOf(o.message).forEach((ext, i) => {
        if (ext.kind !== 'mobile-home-auth' && ext.kind !== 'mobile-foreign-auth' && ext.kind !== 'foreign-home-auth' && ext.kind !== 'ro-auth') return;
        const sa = keyOfSpi.get(ext.spi);
        expect(sa?.kinds, `${o.sample.name}: SPI ${ext.spi} of ${ext.kind}`).toContain(ext.kind);
        const v = verifyExtension(o.payload, offsets[i]!, sa!.key, 'ro98');
        if (!v.ok) throw new Error(`${o.sample.name}: ${JSON.stringify(v.error)}`);
        expect(v.value.verified, `${o.sample.name}: ${ext.kind} at ${offsets[i]}`).toBe(true);
        verified++;
      });
    }
    expect(verified).toBeGreaterThanOrEqual(25);
  });

  it('would not verify with one octet changed: the check above is not vacuous', () => {
    const o = openNamed(/^Registration Reply \(HA → FA2: Home-Mobile \+ FA Key Replies/);
    const i = extensionsOf(o.message).findIndex((e) => e.kind === 'foreign-home-auth');
    const at = extensionOffsets(o.message)[i]!;
    const tampered = o.payload.slice();
    tampered[30] = tampered[30]! ^ 0x01; // inside the encrypted key of 120, covered by the later authenticators
    const v = verifyExtension(tampered, at, world.faHa.key, 'ro98');
    expect(v.ok && v.value.verified).toBe(false);
  });

  it('carry a Mobile-Home authentication extension in every Registration Request and Reply (RFC 2002 §3.3, §3.4)', () => {
    const registrations = opened.filter((o) => o.message.kind === 'registration-request' || o.message.kind === 'registration-reply');
    expect(registrations.length).toBeGreaterThan(10);
    for (const o of registrations) expect(extensionsOf(o.message).map((e) => e.kind), o.sample.name).toContain('mobile-home-auth');
  });

  it('deliver one key by 120 and 121: both decode (MD5 key encoding, regkey-00 §3.1) to the key the HA chose', () => {
    const mn = every('home-mobile-key-reply');
    const fa = every('fa-key-reply');
    expect(mn.length).toBeGreaterThanOrEqual(2);
    expect(fa.length).toBeGreaterThanOrEqual(1);
    for (const { o, ext, at } of mn) {
      expect(ext.spi, o.sample.name).toBe(world.mnHa.spi);
      const key = decodeKeyFromReply(o.payload, at, world.mnHa.key);
      expect(key.ok && bytesToHex(key.value), o.sample.name).toBe(bytesToHex(world.haChosenKey));
    }
    for (const { o, ext, at } of fa) {
      expect(ext.spi, o.sample.name).toBe(world.faHa.spi);
      const key = decodeKeyFromReply(o.payload, at, world.faHa.key);
      expect(key.ok && bytesToHex(key.value), o.sample.name).toBe(bytesToHex(world.haChosenKey));
    }
  });

  it('encrypt 122 for the mobile node and 123 for the foreign agent (RSA-OAEP, OC-19)', () => {
    const toMn = every('mn-public-key-reply');
    const toFa = every('fa-public-key-reply');
    expect(toMn.length).toBeGreaterThanOrEqual(2); // relayed by the FA, copied by the HA
    expect(toFa.length).toBeGreaterThanOrEqual(1);
    for (const { o, ext } of toMn) {
      const key = rsaOaepDecrypt(world.mnRsa, ext.encryptedKey);
      expect(key.ok && bytesToHex(key.value), o.sample.name).toBe(bytesToHex(world.faChosenKey));
      expect(rsaOaepDecrypt(world.faRsa, ext.encryptedKey).ok, 'the FA cannot read the MN key').toBe(false);
    }
    for (const { o, ext } of toFa) {
      const key = rsaOaepDecrypt(world.faRsa, ext.encryptedKey);
      expect(key.ok && bytesToHex(key.value), o.sample.name).toBe(bytesToHex(world.haChosenKey));
    }
  });

  it('carry the MN public key in 114 and the FA public key in 115 (DER SubjectPublicKeyInfo, OC-19)', () => {
    const mnKeys = every('mn-public-key');
    const faKeys = every('fa-public-key');
    expect(mnKeys.length).toBeGreaterThanOrEqual(1);
    expect(faKeys.length).toBeGreaterThanOrEqual(1);
    for (const { ext } of mnKeys) expect(parseRsaPublicKeyDer(ext.publicKey)).toEqual({ ok: true, value: publicKeyOf(world.mnRsa) });
    for (const { ext } of faKeys) expect(parseRsaPublicKeyDer(ext.publicKey)).toEqual({ ok: true, value: publicKeyOf(world.faRsa) });
  });

  it('let the MN (from 124) and the FA (from 116) derive the same 16-octet Diffie-Hellman key (OC-12, OC-18)', () => {
    const offer = every('registration-key-request').find((r) => r.ext.diffieHellman !== null && r.o.sample.link === LINKS.foreign2);
    const reply = every('dh-key-reply').find((r) => r.o.sample.name.startsWith('Registration Reply relayed (FA2 → MN'));
    if (offer === undefined || reply === undefined) throw new Error('no 116 from the MN or no 124 reaching the MN');
    // the FA's side: p, g and X off the wire, its own y
    const dh = offer.ext.diffieHellman!;
    const fromWire = dhGroupFromWire(dh.prime, dh.generator, dh.computedValue);
    if (!fromWire.ok) throw new Error(JSON.stringify(fromWire.error));
    const zFa = dhSharedSecret(fromWire.value.group, world.dh.y, fromWire.value.peerPublic);
    // the MN's side: Y off the wire, its own x
    const zMn = dhSharedSecret(world.dh.group, world.dh.x, bytesToBigInt(reply.ext.computedValue));
    if (!zFa.ok || !zMn.ok) throw new Error('shared secret refused');
    const faKey = dhRegistrationKey(fromWire.value.group, zFa.value);
    const mnKey = dhRegistrationKey(world.dh.group, zMn.value);
    expect(mnKey).toHaveLength(16);
    expect(bytesToHex(mnKey)).toBe(bytesToHex(faKey));
    expect(reply.ext.spi).toBe(world.newKeySpi);
    // every 124 carries the same value (copied unchanged, regkey-00 §7.1)
    for (const { ext } of every('dh-key-reply')) expect(bytesToHex(ext.computedValue)).toBe(bytesToHex(reply.ext.computedValue));
  });

  it('SPI extension 125 accompanies 120, names the new key, and equals the SPI of 123 (OC-16)', () => {
    const with120 = every('home-mobile-key-reply');
    expect(with120.length).toBeGreaterThanOrEqual(2);
    let comparedWith123 = 0;
    for (const { o } of with120) {
      const spi = extensionsOf(o.message).find((e) => e.kind === 'spi');
      expect(spi, o.sample.name).toBeDefined();
      expect(spi!.kind === 'spi' && spi!.spi).toBeGreaterThanOrEqual(256);
      const fa123 = extensionsOf(o.message).find((e) => e.kind === 'fa-public-key-reply');
      if (fa123 !== undefined && fa123.kind === 'fa-public-key-reply' && spi!.kind === 'spi') {
        expect(spi!.spi).toBe(fa123.spi);
        comparedWith123++;
      }
    }
    expect(comparedWith123).toBeGreaterThanOrEqual(1); // the Reply to FA2 carrying 120 and 123 together
  });
});

describe('sample packets: smooth handoff (Perkins & Johnson §4.1; optim-08 §5.1, OC-09, OC-10)', () => {
  const request = openNamed(/^Registration Request \(MN → FA2: BW extension, DH key request, PFAN\)/);
  const bu = openNamed(/^Binding Update \(FA2 → FA1/);
  const pfan = every('previous-fa-notification').find((p) => p.o.sample === request.sample)!.ext;

  it('carries the PFAN of the test vector (docs/protocol-notes.md §Test vectors), and the new FA sends the BU of the test vector (docs/protocol-notes.md §Test vectors)', () => {
    const i = extensionsOf(request.message).findIndex((e) => e.kind === 'previous-fa-notification');
    const at = extensionOffsets(request.message)[i]!;
    expect(bytesToHex(request.payload.subarray(at, at + 32))).toBe(bytesToHex(PFAN_EXTENSION));
    expect(bytesToHex(bu.payload)).toBe(bytesToHex(BU_FROM_NEW_FA));
  });

  it('the PFAN authenticator is exactly the RO authenticator of the Binding Update the new FA builds (OC-10)', () => {
    const ro = extensionsOf(bu.message).find((e) => e.kind === 'ro-auth');
    expect(ro?.kind === 'ro-auth' && bytesToHex(ro.authenticator)).toBe(bytesToHex(pfan.authenticator));
  });

  it('the BU is the Perkins & Johnson §4.1; optim-08 §8.1 table filled from the Request and its PFAN, sent FA2 → previous FA, UDP 434 → 434', () => {
    const r = request.payload;
    const expected = Uint8Array.from([
      18, 0xc0, // Type; A = 1, I = 1, M = G = 0
      pfan.cacheLifetime >> 8, pfan.cacheLifetime & 0xff,
      ...r.subarray(4, 8), // Home Address field of the Request
      ...bu.payload.subarray(8, 12), // checked against the PFAN just below
      ...r.subarray(16, 24), // Identification of the Request
      35, 20, // RO Authentication, Length 4 + 16
      (pfan.spi >>> 24) & 0xff, (pfan.spi >>> 16) & 0xff, (pfan.spi >>> 8) & 0xff, pfan.spi & 0xff,
      ...pfan.authenticator,
    ]);
    expect(bytesToHex(bu.payload)).toBe(bytesToHex(expected));
    expect(bu.message.kind === 'binding-update' && bu.message.careOfAddress).toBe(pfan.newCareOfAddress);
    expect([bu.ip.source, bu.ip.destination]).toEqual([ADDR.fa2, pfan.previousForeignAgent]);
    expect([bu.sourcePort, bu.destinationPort]).toEqual([434, 434]);
  });

  it('Binding Warning and Binding Request are the test vectors (docs/protocol-notes.md §Test vectors)', () => {
    expect(bytesToHex(openNamed(/^Binding Warning/).payload)).toBe(bytesToHex(BW_VECTOR));
    expect(bytesToHex(openNamed(/^Binding Request/).payload)).toBe(bytesToHex(BR_VECTOR));
  });
});

describe('sample packets: placement and headers', () => {
  /** OC-17 (and Perkins & Johnson §4.2; optim-08 §6; Perkins & Johnson §4.1; optim-08 §5.1): where each extension type sits relative to the Mobile-Home authenticator. */
  it('place extensions as OC-17 says', () => {
    const requestBefore32 = new Set(['mn-public-key', 'registration-key-request', 'binding-warning-extension']);
    const requestAfter32 = new Set(['fa-key-request', 'fa-public-key', 'mn-public-key-reply', 'dh-key-reply', 'previous-fa-notification']);
    const replyRank: Partial<Record<MipExtensionKind, number>> = { 'home-mobile-key-reply': 0, 'mn-public-key-reply': 1, 'dh-key-reply': 1, spi: 2, 'fa-key-reply': 3, 'fa-public-key-reply': 3 };
    let checked = 0;
    for (const o of opened) {
      const kinds = extensionsOf(o.message).map((e) => e.kind);
      const mh = kinds.indexOf('mobile-home-auth');
      const lastAuth = Math.max(kinds.indexOf('mobile-foreign-auth'), kinds.indexOf('foreign-home-auth'));
      kinds.forEach((k, i) => {
        if (o.message.kind === 'registration-request') {
          if (requestBefore32.has(k)) { expect(i, `${o.sample.name}: ${k}`).toBeLessThan(mh); checked++; }
          if (requestAfter32.has(k)) {
            expect(i, `${o.sample.name}: ${k}`).toBeGreaterThan(mh);
            if (lastAuth >= 0) expect(i, `${o.sample.name}: ${k} before the FA's authenticator`).toBeLessThan(lastAuth);
            checked++;
          }
        }
        if (o.message.kind === 'registration-reply' && replyRank[k] !== undefined) {
          expect(i, `${o.sample.name}: ${k}`).toBeLessThan(mh);
          checked++;
        }
      });
      if (o.message.kind === 'registration-reply') {
        const ranks = kinds.map((k) => replyRank[k]).filter((r): r is number => r !== undefined);
        expect(ranks, `${o.sample.name}: 120, 122/124, 125, 121/123`).toEqual([...ranks].sort((a, b) => a - b));
      }
      // the Mobile-Foreign / Foreign-Home authenticators come after the Mobile-Home one
      if (lastAuth >= 0) expect(lastAuth, o.sample.name).toBeGreaterThan(mh);
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('use TTL 1 on the local link (MN → FA Requests, deregistration from home, discovery) and 64 otherwise (OC-08, OC-39)', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const s of samples) {
      const outer = mustIp(s.bytes);
      const o = openMip(s);
      const discovery = outer.protocol === 1;
      const mnRequest = o !== null && o.message.kind === 'registration-request' && outer.source === ADDR.mnHome;
      if (discovery || mnRequest) expect(outer.ttl, s.name).toBe(1);
      else if (outer.protocol === 55) expect(outer.ttl, `${s.name}: the original header, TTL decremented by the HA (RFC 2003 §3.1)`).toBe(63);
      else expect(outer.ttl, s.name).toBe(64);
    }
  });

  it('send discovery to the all-systems / all-routers groups and Mobile IP to or from UDP 434', () => {
    expect(mustIp(sampleNamed(/^Agent Advertisement/).bytes).destination).toBe('224.0.0.1');
    expect(mustIp(sampleNamed(/^Agent Solicitation/).bytes).destination).toBe('224.0.0.2');
    expect(opened.length).toBeGreaterThanOrEqual(20);
    for (const o of opened) {
      if (o.message.kind === 'registration-request' && o.ip.source === ADDR.mnHome) expect([o.sourcePort, o.destinationPort], o.sample.name).toEqual([49152, 434]);
      else if (o.ip.destination === ADDR.mnHome && !o.sample.name.includes('tunnelled')) expect([o.sourcePort, o.destinationPort], o.sample.name).toEqual([434, 49152]);
      else expect([o.sourcePort, o.destinationPort], o.sample.name).toEqual([434, 434]);
    }
  });

  it('between them, hold every message, every extension, discovery and the three encapsulations', () => {
    // Records keyed by the union: a new message or extension kind fails to compile here until a sample has it.
    const messageKinds: Record<Exclude<MipMessageKind, 'unknown'>, true> = {
      'registration-request': true, 'registration-reply': true, 'binding-warning': true, 'binding-request': true, 'binding-update': true, 'binding-acknowledge': true,
    };
    const extensionKinds: Record<Exclude<MipExtensionKind, 'unknown'>, true> = {
      'binding-warning-extension': true, 'mobile-home-auth': true, 'mobile-foreign-auth': true, 'foreign-home-auth': true, 'ro-auth': true,
      'previous-fa-notification': true, 'fa-key-request': true, 'mn-public-key': true, 'fa-public-key': true, 'registration-key-request': true,
      'home-mobile-key-reply': true, 'fa-key-reply': true, 'mn-public-key-reply': true, 'fa-public-key-reply': true, 'dh-key-reply': true, spi: true,
    };
    const seenMessages = new Set(opened.map((o) => o.message.kind));
    const seenExtensions = new Set(opened.flatMap((o) => extensionsOf(o.message).map((e) => e.kind)));
    expect([...Object.keys(messageKinds)].filter((k) => !seenMessages.has(k as MipMessageKind))).toEqual([]);
    expect([...Object.keys(extensionKinds)].filter((k) => !seenExtensions.has(k as MipExtensionKind))).toEqual([]);
    expect(seenExtensions.has('unknown')).toBe(false);
    // both forms of 116: a Diffie-Hellman offer, and Length 0 ("any method but DH")
    expect(new Set(every('registration-key-request').map((r) => r.ext.diffieHellman === null))).toEqual(new Set([true, false]));

    const descriptions = samples.map((s) => {
      const d = dissectPacketFully(s.bytes);
      if (!d.ok) throw new Error(s.name);
      return d.value.description;
    });
    const names = new Set(descriptions.map((d) => d.name));
    expect(names.has('Agent Advertisement')).toBe(true);
    expect(names.has('Agent Solicitation')).toBe(true);
    const protocols = new Set(descriptions.flatMap((d) => d.protocols));
    for (const p of ['IP in IP', 'Minimal encapsulation', 'GRE']) expect(protocols.has(p), p).toBe(true);
    expect(descriptions.some((d) => d.tunnelled && d.kind === 'control')).toBe(true); // the tunnelled Binding Acknowledge (OC-36)
  });

  it('tunnel the docs/protocol-notes.md §Test vectors datagram exactly as the spec vectors do', () => {
    expect(bytesToHex(sampleNamed(/\(IP in IP\)$/).bytes)).toBe(bytesToHex(Uint8Array.from([
      0x45, 0x00, 0x00, 0x34, 0x12, 0x34, 0x40, 0x00, 0x40, 0x04, 0x5b, 0xe7, 10, 1, 0, 1, 192, 168, 2, 1,
      0x45, 0x00, 0x00, 0x20, 0x00, 0x42, 0x40, 0x00, 0x3f, 0x11, 0x07, 0x48, 198, 51, 100, 5, 10, 1, 0, 10,
      0x13, 0x88, 0x00, 0x07, 0x00, 0x0c, 0xd9, 0x32, 0x70, 0x69, 0x6e, 0x67,
    ])));
    expect(bytesToHex(sampleNamed(/\(minimal encapsulation\)$/).bytes)).toBe(bytesToHex(Uint8Array.from([
      0x45, 0x00, 0x00, 0x2c, 0x00, 0x42, 0x40, 0x00, 0x3f, 0x37, 0x6e, 0xae, 10, 1, 0, 1, 192, 168, 2, 1,
      0x11, 0x80, 0xba, 0x3b, 10, 1, 0, 10, 198, 51, 100, 5,
      0x13, 0x88, 0x00, 0x07, 0x00, 0x0c, 0xd9, 0x32, 0x70, 0x69, 0x6e, 0x67,
    ])));
  });
});

describe('sample packets: determinism', () => {
  it('same seed, same bytes', () => {
    const again = buildSamplePackets({ seed: SEED });
    expect(again.map((s) => s.name)).toEqual(samples.map((s) => s.name));
    expect(again.length).toBeGreaterThanOrEqual(25);
    again.forEach((s, i) => expect(bytesToHex(s.bytes), s.name).toBe(bytesToHex(samples[i]!.bytes)));
  });

  it('different seed, different keys (and the samples carrying them change), still all valid', () => {
    const other = createSampleWorld(SEED + 1);
    expect(bytesToHex(other.haChosenKey)).not.toBe(bytesToHex(world.haChosenKey));
    expect(bytesToHex(other.faChosenKey)).not.toBe(bytesToHex(world.faChosenKey));
    expect(other.dh.x).not.toBe(world.dh.x);
    expect(other.mnRsa.n).not.toBe(world.mnRsa.n);
    const otherSamples = buildSamplePackets({ seed: SEED + 1 });
    const changed = otherSamples.filter((s, i) => bytesToHex(s.bytes) !== bytesToHex(samples[i]!.bytes)).map((s) => s.name);
    expect(changed).toContain('Registration Reply (HA → FA2: Home-Mobile + FA Key Replies, SPI)');
    expect(changed).toContain('Registration Request (MN → FA2: MN public key)');
    for (const s of otherSamples) expect(dissectPacketFully(s.bytes).ok, s.name).toBe(true);
  });
});

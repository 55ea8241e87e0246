import { describe, expect, it } from 'vitest';
import { sealMessage } from '../../crypto/seal';
import { decapsulateIpInIp } from '../../wire/ip-in-ip';
import { parseIpv4 } from '../../wire/ipv4';
import { bindingUpdate } from '../../wire/mip/binding-update';
import { emitMipMessage, mipMessageLength } from '../../wire/mip/mip-message';
import { parseUdp } from '../../wire/udp';
import { acknowledgeSend, authenticateBindingUpdate, checkBindingUpdate } from './binding-update-check';
import { FA1, FA2, HA, HA_CN_KEY, HA_CN_SPI, MN, msa } from './test-support/ro-world';
import { changeTraces, toDatagram } from './types';

const auth = { kind: 'ro-auth' as const, spi: HA_CN_SPI, authenticator: new Uint8Array(16) };
const bu = (extensions: Parameters<typeof bindingUpdate>[0]['extensions']) => bindingUpdate({
  flags: { acknowledge: true, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 }, lifetime: 300, homeAddress: MN, careOfAddress: FA1,
  identification: { high: 1, low: 2 }, ...(extensions === undefined ? {} : { extensions }),
});
const raw = (m: ReturnType<typeof bu>) => {
  const out = new Uint8Array(mipMessageLength(m));
  emitMipMessage(m, out, 0);
  return out;
};

describe('checkBindingUpdate (optim-08 §4.3)', () => {
  it('finds the type-35 extension at offset 20 with its SPI', () => {
    const c = checkBindingUpdate(sealMessage(bu([auth]), { auth: { 'ro-auth': { key: HA_CN_KEY } } }));
    expect(c).toMatchObject({ ok: true, authOffset: 20, spi: HA_CN_SPI });
  });

  it('the authentication extension must be last and appear once → 134', () => {
    const unknownHigh = { kind: 'unknown' as const, type: 200, data: Uint8Array.of(1) };
    expect(checkBindingUpdate(raw(bu([auth, unknownHigh])))).toMatchObject({ ok: false, status: 134 });
    expect(checkBindingUpdate(raw(bu([auth, auth])))).toMatchObject({ ok: false, status: 134 });
  });

  it('an unknown extension in 0..127 discards the message silently (RFC 2002 §1.9)', () => {
    expect(checkBindingUpdate(raw(bu([{ kind: 'unknown', type: 99, data: Uint8Array.of(1) }, auth])))).toMatchObject({ ok: false, status: null });
  });

  it('other messages are not Binding Updates', () => {
    expect(checkBindingUpdate(Uint8Array.of(19, 0, 0, 0, 10, 1, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0))).toMatchObject({ ok: false, status: null });
  });
});

describe('authenticateBindingUpdate (Perkins & Johnson §3.5; optim-08 §4.5)', () => {
  const sealed = sealMessage(bu([auth]), { auth: { 'ro-auth': { key: HA_CN_KEY } } });
  const checked = checkBindingUpdate(sealed);
  if (!checked.ok) throw new Error('unreachable');
  it('verifies with the right key, refuses with none or the wrong one', () => {
    expect(authenticateBindingUpdate(sealed, checked, msa(HA, HA_CN_KEY, HA_CN_SPI), 'HA', 'ro98').verified).toBe(true);
    expect(authenticateBindingUpdate(sealed, checked, null, 'HA', 'ro98')).toMatchObject({ verified: false, explanation: expect.stringMatching(/no security association/) });
    expect(authenticateBindingUpdate(sealed, checked, msa(HA, new Uint8Array(16), HA_CN_SPI), 'HA', 'ro98').verified).toBe(false);
  });
});

describe('sends become datagrams (types.ts)', () => {
  it('a Binding Acknowledge: 16 octets, UDP 434 → 434 with a valid checksum, tunnelled when asked (OC-36)', () => {
    const send = acknowledgeSend({ status: 0, homeAddress: MN, identification: { high: 1, low: 2 }, from: FA1, to: MN, tunnelTo: FA2, ref: 'test' });
    expect(send.payload).toEqual(Uint8Array.of(19, 0, 0, 0, 10, 1, 0, 10, 0, 0, 0, 1, 0, 0, 0, 2));
    const outer = parseIpv4(toDatagram(send, 9));
    expect(outer.ok && [outer.value.source, outer.value.destination, outer.value.ttl]).toEqual([FA1, FA2, 64]);
    const inner = decapsulateIpInIp(toDatagram(send, 9));
    if (!inner.ok) throw new Error('not a tunnel');
    expect(inner.value.innerDatagram).toMatchObject({ source: FA1, destination: MN, ttl: 64 });
    const udp = parseUdp(inner.value.innerDatagram.payload, 0, inner.value.innerDatagram.payload.length, { source: FA1, destination: MN });
    expect(udp.ok && udp.value).toMatchObject({ sourcePort: 434, destinationPort: 434, checksumValid: true });
    const plain = parseIpv4(toDatagram({ ...send, tunnelTo: undefined }, 9));
    expect(plain.ok && [plain.value.destination, plain.value.protocol]).toEqual([MN, 17]);
  });

  it('table changes become table-changed traces with their refs', () => {
    expect(changeTraces('binding cache', [{ kind: 'added', key: MN, after: 1, ref: 'lab choice, optim-08 §3.1', reason: 'r' }])).toEqual([
      { kind: 'table-changed', summary: `binding cache: added ${MN}`, ref: 'lab choice, optim-08 §3.1', reason: 'r', after: 1 },
    ]);
  });
});

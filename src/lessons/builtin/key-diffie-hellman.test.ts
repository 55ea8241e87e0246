import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { mipMessageOf } from '../../engine/metrics/trace-events';
import type { TraceEvent } from '../../engine/node/contract';
import type { KeyExchangeRecord } from '../../engine/protocol/keys/key-exchange-record';
import type { DiffieHellmanOffer } from '../../engine/wire/mip/extensions/key-requests';
import type { MipExtension } from '../../engine/wire/mip/extensions/mip-extension';
import type { LoadedLesson } from '../format/validate';
import { solvedRunTrace } from '../test-support/fixtures';
import { loadBuiltinLesson } from './index';

// The Diffie-Hellman lesson quotes numbers — the prime's length and first
// octets, the generator — and says that only the mobile node and FA1 can
// compute the key. Both are checked here against the lesson's own solved run,
// recomputed independently of the engine: BigInt arithmetic and Node's MD5,
// with the prime typed in from RFC 2409 §6.1 (Oakley group 1). The quoted
// numbers are read out of the narrative, so the text cannot drift from the run.

// RFC 2409 §6.1: 2^768 - 2^704 - 1 + 2^64 * ([2^638 pi] + 149686), as printed there.
const OAKLEY_GROUP_1 = BigInt(`0x${[
  'FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1',
  '29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD',
  'EF9519B3 CD3A431B 302B0A6D F25F1437 4FE1356D 6D51C245',
  'E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF',
].join('').replace(/ /g, '')}`);

const big = (bytes: Uint8Array): bigint => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const bigHex = (hex: string): bigint => BigInt(`0x${hex}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** MD5 of Z written as an L-octet big-endian string (regkey-00 §3.3; the lab's key derivation). */
function md5OfShared(z: bigint, octets: number): string {
  return createHash('md5').update(Buffer.from(z.toString(16).padStart(octets * 2, '0'), 'hex')).digest('hex');
}

function extension<K extends MipExtension['kind']>(e: TraceEvent, kind: K): Extract<MipExtension, { kind: K }> {
  const m = mipMessageOf(e);
  const found = m !== null && 'extensions' in m.message ? m.message.extensions.find((x) => x.kind === kind) : undefined;
  if (found === undefined) throw new Error(`${e.id} carries no ${kind}`);
  return found as Extract<MipExtension, { kind: K }>;
}

describe('key-diffie-hellman: the numbers the lesson quotes, recomputed from its run', () => {
  let loaded: LoadedLesson;
  let trace: readonly TraceEvent[];
  let narrative: string;
  beforeAll(async () => {
    loaded = loadBuiltinLesson('key-diffie-hellman');
    narrative = loaded.lesson.steps.map((s) => s.narrative).join('\n');
    const run = await solvedRunTrace(loaded);
    expect(run.solved.allPassed).toBe(true);
    trace = run.trace;
  });

  /** The first Registration Request FA1 relayed, as the home agent received it, and the key each side traced. */
  function firstExchange(): { offer: DiffieHellmanOffer; y: Uint8Array; atMn: KeyExchangeRecord; atFa: KeyExchangeRecord } {
    const relayed = trace.find((e) => e.node === 'HA' && e.kind === 'received' && mipMessageOf(e)?.message.kind === 'registration-request' && mipMessageOf(e)?.ip.source === '10.0.2.2');
    expect(relayed).toBeDefined();
    const offer = extension(relayed!, 'registration-key-request').diffieHellman;
    expect(offer).not.toBeNull();
    const keys = (node: string) => trace.filter((e) => e.kind === 'key-established' && e.node === node).map((e) => e.after as KeyExchangeRecord);
    const atMn = keys('MN').find((r) => r.faAddress === '192.168.2.1');
    const atFa = keys('FA1')[0];
    expect(atMn).toBeDefined();
    expect(atFa).toBeDefined();
    return { offer: offer!, y: extension(relayed!, 'dh-key-reply').computedValue, atMn: atMn!, atFa: atFa! };
  }

  it('the prime, its length and its first octets, and the generator, are what the narrative says', () => {
    const { offer } = firstExchange();
    const octets = Number(/(\d+) octets beginning/.exec(narrative)?.[1]);
    // As the packet view shows them: lower-case octets, separated by spaces.
    const prefix = /octets beginning ((?:[0-9a-f]{2} )+)/.exec(narrative)?.[1]?.replace(/ /g, '');
    const g = /generator g = (\d+) written on (\d+) octets too — zeros up to a final (\d\d)/.exec(narrative);
    expect([octets, prefix, g?.slice(1)]).toEqual([96, 'ffffffffffffffffc90fdaa2', ['2', '96', '02']]); // the narrative still quotes them
    expect(offer.prime).toHaveLength(octets);
    expect(Buffer.from(offer.prime).toString('hex').startsWith(prefix!)).toBe(true);
    expect(big(offer.prime)).toBe(OAKLEY_GROUP_1);
    expect(big(offer.generator)).toBe(BigInt(g![1]!));
    expect(Array.from(offer.generator)).toEqual([...Array<number>(Number(g![2]) - 1).fill(0), Number.parseInt(g![3]!, 16)]);
    expect(offer.computedValue).toHaveLength(octets);
  });

  it('g^x and g^y on the wire come from the secrets x and y that only the mobile node and FA1 hold', () => {
    const { offer, y, atMn, atFa } = firstExchange();
    const [p, g] = [big(offer.prime), big(offer.generator)];
    expect(atMn.mobileNode.privateValue).toMatch(/^[0-9a-f]+$/);
    expect(atFa.foreignAgent.privateValue).toMatch(/^[0-9a-f]+$/);
    expect(modPow(g, bigHex(atMn.mobileNode.privateValue!), p)).toBe(big(offer.computedValue));
    expect(modPow(g, bigHex(atFa.foreignAgent.privateValue!), p)).toBe(big(y));
    // Neither secret is in the other side's record: x stays with the mobile node, y with FA1.
    expect([atMn.foreignAgent.privateValue, atFa.mobileNode.privateValue]).toEqual([null, null]);
  });

  it('both compute MD5((g^y)^x mod p) = MD5((g^x)^y mod p), the key each traced; the home agent traces no key', () => {
    const { offer, y, atMn, atFa } = firstExchange();
    const p = big(offer.prime);
    const fromMn = md5OfShared(modPow(big(y), bigHex(atMn.mobileNode.privateValue!), p), offer.prime.length);
    const fromFa = md5OfShared(modPow(big(offer.computedValue), bigHex(atFa.foreignAgent.privateValue!), p), offer.prime.length);
    expect(fromMn).toBe(fromFa);
    expect([atMn.mobileNode.key, atFa.foreignAgent.key]).toEqual([fromMn, fromMn]);
    expect(atMn.mobileNode.spi).toBe(atFa.foreignAgent.spi);
    expect(trace.filter((e) => e.node === 'HA' && e.kind === 'key-established')).toEqual([]);
  });

  it('back at FA1 (step 4) the exchange is fresh: a new x and g^x at the mobile node, a new y and g^y at FA1', () => {
    const withFa1 = (node: string) => trace.filter((e) => e.kind === 'key-established' && e.node === node).map((e) => e.after as KeyExchangeRecord).filter((r) => r.faAddress === '192.168.2.1');
    const [mn, fa] = [withFa1('MN'), withFa1('FA1')];
    expect([mn.length, fa.length]).toEqual([2, 2]);
    expect(mn[1]!.mobileNode.privateValue).not.toBe(mn[0]!.mobileNode.privateValue);
    expect(mn[1]!.diffieHellman!.X).not.toBe(mn[0]!.diffieHellman!.X);
    expect(fa[1]!.foreignAgent.privateValue).not.toBe(fa[0]!.foreignAgent.privateValue);
    expect(fa[1]!.diffieHellman!.Y).not.toBe(fa[0]!.diffieHellman!.Y);
  });
});

// The man in the middle of a Diffie-Hellman registration key (Perkins & Johnson
// §9.2): an exchange of g^x and g^y alone authenticates nobody, so someone on
// the path could answer the mobile node with her own value and share a key
// with each side. The paper's defence is that the foreign agent's value
// reaches the mobile node inside the home agent's Registration Reply, under the
// authenticator the mobile node shares with its home agent.
//
// The first story checks that defence as the lab has it. The others put
// Mallory on FA1's cell with a scripted fault (FORMAT.md "faults",
// replace-dh-value-next): she swaps FA1's g^y for her own g^m in the next
// Registration Reply. Under the home agent's authenticator the swap is caught
// (RFC 2002 §3.5.2); with FA1 in the earlier draft's variant (optim-06 §3.4,
// OC-49), where FA1 appends g^y after that authenticator, nothing catches it:
// the mobile node and FA1 end up with different keys, and Mallory holds the
// mobile node's. The expected keys are recomputed here with BigInt and
// node:crypto's MD5, independently of the engine.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import { seconds } from '../engine/node/time';
import type { KeyExchangeRecord } from '../engine/protocol/keys';
import { extensionTypeOf } from '../engine/wire/mip/extensions/mip-extension';
import { builtinScenario } from './builtin/index';
import { sentMessages } from './builtin/lesson-reading';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const DH_REPLY = 124; // the foreign agent's g^y (regkey-00 §5.5)
const MOBILE_HOME_AUTH = 32; // RFC 2002 §3.5.2

describe('the foreign agent\'s Diffie-Hellman value is authenticated through the home agent (Perkins & Johnson §9.2)', () => {
  const parsed = parseScenario(builtinScenario('key-diffie-hellman')!.data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const run = runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(3) });

  it('the home agent copies FA1\'s g^y into its Reply before the Mobile-Home authentication extension, so its authenticator covers it', () => {
    const replies = sentMessages(run.trace, 'registration-reply', 'HA');
    expect(replies.length).toBeGreaterThan(0);
    const types = replies[0]!.message.extensions.map(extensionTypeOf);
    expect(types).toContain(DH_REPLY);
    expect(types).toContain(MOBILE_HOME_AUTH);
    expect(types.indexOf(DH_REPLY)).toBeLessThan(types.indexOf(MOBILE_HOME_AUTH));
  });
});

const MALLORY_EXPONENT = 0x4d616c6c6f7279n; // the fault's default m: "Mallory" in ASCII

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) if (e & 1n) result = (result * b) % modulus;
  return result;
}

/** MD5 of Z as an L-octet big-endian string (OC-12), from first principles. */
function registrationKey(z: bigint, length: number): string {
  return createHash('md5').update(Buffer.from(z.toString(16).padStart(2 * length, '0'), 'hex')).digest('hex');
}

/** key-diffie-hellman with Mallory on FA1's cell, FA1 placing its g^y as `placement` says. */
function withMallory(placement: 'home-agent-reply' | 'own-reply') {
  const data = structuredClone(builtinScenario('key-diffie-hellman')!.data) as { nodes: { id: string; settings?: object }[]; faults?: object[] };
  const fa1 = data.nodes.find((n) => n.id === 'FA1')!;
  fa1.settings = { ...fa1.settings, diffieHellmanValueIn: placement };
  data.faults = [{ kind: 'replace-dh-value-next', link: 'cell1', from: 'FA1', adversary: 'Mallory' }];
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(25) });
}

const keysAt = (run: ReturnType<typeof withMallory>, node: string) =>
  run.trace.filter((e) => e.node === node && e.kind === 'key-established').map((e) => ({ time: e.time, record: e.after as KeyExchangeRecord }));

describe('Mallory on the path replaces FA1\'s Diffie-Hellman value under the home agent\'s authenticator (Perkins & Johnson §9.2)', () => {
  const run = withMallory('home-agent-reply');
  const swap = run.trace.filter((e) => e.node === 'FA1' && /^Mallory, on the path, replaced FA1's g\^y/.test(e.summary));

  it('the swap is traced as the fault\'s own event, and the mobile node refuses that Reply: the home agent\'s authenticator no longer verifies', () => {
    expect(swap).toHaveLength(1);
    const refused = run.trace.filter((e) => e.node === 'MN' && e.kind === 'dropped' && /Registration Reply/.test(e.summary) && /Mobile-Home Authentication/.test(e.reason ?? ''));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.time).toBeGreaterThan(swap[0]!.time);
    // No key from the tampered Reply: the mobile node's first key comes from its retransmitted Request, and it is FA1's.
    const mn = keysAt(run, 'MN');
    const fa = keysAt(run, 'FA1');
    expect(mn.length).toBeGreaterThan(0);
    expect(mn[0]!.time).toBeGreaterThan(refused[0]!.time);
    expect(fa.length).toBeGreaterThanOrEqual(2);
    expect(mn[0]!.record.mobileNode.key).toBe(fa[1]!.record.foreignAgent.key);
  });
});

describe('Mallory replaces FA1\'s value when FA1 appends it after the authenticator (optim-06 §3.4, OC-49)', () => {
  const run = withMallory('own-reply');
  const mn = keysAt(run, 'MN');
  const fa = keysAt(run, 'FA1');

  it('the mobile node accepts the Reply and its key is MD5((g^m)^x mod p): Mallory\'s, not FA1\'s', () => {
    expect(mn.length).toBeGreaterThan(0);
    expect(fa.length).toBeGreaterThan(0);
    const { mobileNode, diffieHellman } = mn[0]!.record;
    expect(diffieHellman).not.toBeNull();
    const p = BigInt(`0x${diffieHellman!.p}`);
    const g = BigInt(`0x${diffieHellman!.g}`);
    const length = diffieHellman!.p.length / 2;
    const x = BigInt(`0x${mobileNode.privateValue}`);
    const withMallory = registrationKey(powMod(powMod(g, MALLORY_EXPONENT, p), x, p), length);
    expect(mobileNode.key).toBe(withMallory);
    // Mallory computes the same key from the g^x she saw in the Request: (g^x)^m.
    expect(registrationKey(powMod(BigInt(`0x${diffieHellman!.X}`), MALLORY_EXPONENT, p), length)).toBe(withMallory);
    expect(fa[0]!.record.foreignAgent.key).not.toBe(mobileNode.key);
    expect(run.trace.some((e) => e.node === 'MN' && e.kind === 'dropped' && /Registration Reply/.test(e.summary))).toBe(false);
  });

  it('the next smooth handoff\'s Binding Update, authenticated with the mobile node\'s key, is refused by FA1', () => {
    const bu = run.trace.filter((e) => e.node === 'FA1' && e.kind === 'dropped' && e.time > seconds(15) && /Binding Update/.test(e.summary));
    expect(bu.length).toBeGreaterThan(0);
    expect(bu[0]!.reason ?? '').toMatch(/authenticat/i);
  });
});

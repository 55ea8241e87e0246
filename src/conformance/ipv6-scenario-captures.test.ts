// Every IPv6 built-in (Perkins & Johnson §10), run headless with the real
// nodes for a bounded time, captured the way `mip-lab run --pcap` captures it
// (raw IP link type, capture-link-type.ts), and read back by tshark once per
// capture with checksum validation on. Each packet: no bad checksum (ICMPv6
// and UDP by tshark, the Mobility Header by mobilityChecksumProblems), no
// malformed packet, no expert warning; every field tshark reports equals what
// the lab encoded (ipv6-expectations.ts). And each capture holds the messages
// its story is about, so the check is not run over an empty or one-sided run.

import { describe, expect, it } from 'vitest';
import { captureFromTrace } from '../cli/commands/run-capture';
import { runHeadless } from '../cli/commands/run';
import { LinkType } from '../engine/capture/pcapng';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { seconds } from '../engine/node/time';
import { toLoadedScenario, type LoadedScenario } from '../scenarios/to-topology';
import { parseScenario } from '../scenarios/validate';
import forged from '../scenarios/builtin/ipv6-forged-binding-update.json' with { type: 'json' };
import returnRoutability from '../scenarios/builtin/ipv6-return-routability.json' with { type: 'json' };
import routeOptimization from '../scenarios/builtin/ipv6-route-optimization.json' with { type: 'json' };
import smoothHandoff from '../scenarios/builtin/ipv6-smooth-handoff.json' with { type: 'json' };
import { ahIcvProblems } from './ipv6-ah-check';
import { encodedIpv6Fields, fieldDisagreements, mobilityChecksumProblems } from './ipv6-expectations';
import { fieldValues, problems, readWithTshark, tsharkAvailable, type TsharkFrame } from './tshark';

/** Long enough for registration, route optimization, the handoff at 12 s and the scripted attacks; short enough for CI. */
const RUN_FOR = seconds(20);
const hasTshark = tsharkAvailable();
/** docs/ipv6.md §2: AR1 on cell1, and the two cells' prefixes. */
const AR1 = '2001:db8:2::1';
const CELL1 = '2001:db8:2::';
const CELL2 = '2001:db8:3::';
/** The adversary of ipv6-forged-binding-update, on the correspondent's LAN. */
const MALLORY = '2001:db8:100::66';

/** The scenario's AH keys by SPI, read from the file itself (its `securityAssociations`), not from the loaded nodes. */
function keysOf(data: unknown): (spi: number) => Uint8Array | undefined {
  const sas = (data as { securityAssociations?: { spi: number; key: string }[] }).securityAssociations ?? [];
  const keys = new Map(sas.map((sa) => [sa.spi, Uint8Array.from(sa.key.match(/../g)!, (h) => parseInt(h, 16))]));
  return (spi) => keys.get(spi);
}

function load(id: string, data: unknown): LoadedScenario {
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(`built-in ${id} is invalid:\n  - ${parsed.errors.join('\n  - ')}`);
  return toLoadedScenario(parsed.scenario);
}

interface Checked {
  readonly frames: readonly TsharkFrame[];
  /** MH Types (mip6.mhtype) and ICMPv6 types seen, and how many packets carried AH, RH2, HAO, a tunnel. */
  readonly mhTypes: ReadonlySet<string>;
  readonly icmpTypes: ReadonlySet<string>;
  readonly counts: { ah: number; rh2: number; hao: number; tunnel: number; bad: number; nonceIndices: number };
  /** Packets whose AH ICV does not verify under the scenario's keys (ipv6-ah-check.ts), with their IPv6 source. */
  readonly icvRefused: readonly { readonly source: string; readonly problems: readonly string[] }[];
}

/** Runs, captures, reads with tshark once, and checks every packet. */
async function captureAndCheck(id: string, data: unknown, runFor = RUN_FOR): Promise<Checked> {
  const loaded = load(id, data);
  const run = runHeadless(loaded, { until: Math.min(runFor, loaded.duration) });
  const capture = captureFromTrace(run.trace, loaded.topology, loaded.profile);
  const ours = readPcapng(capture.bytes);
  if (!ours.ok) throw new Error(JSON.stringify(ours.error));
  const section = ours.value.sections[0]!;
  expect(section.interfaces.map((i) => i.linkType)).toEqual(section.interfaces.map(() => LinkType.RAW));
  const packets = section.packets;
  expect(packets.length).toBeGreaterThan(50);
  const frames = await readWithTshark(capture.bytes);
  expect(frames).toHaveLength(packets.length);
  const mhTypes = new Set<string>();
  const icmpTypes = new Set<string>();
  const counts = { ah: 0, rh2: 0, hao: 0, tunnel: 0, bad: 0, nonceIndices: 0 };
  const failures: string[] = [];
  const icvRefused: { source: string; problems: string[] }[] = [];
  const keyFor = keysOf(data);
  frames.forEach((f, i) => {
    const label = `${id} packet ${i + 1} (${packets[i]!.comments[0] ?? ''})`;
    const bytes = packets[i]!.bytes;
    if (bytes[0]! >> 4 !== 6) {
      failures.push(`${label}: not IPv6: the IPv6 roles speak only IPv6 (docs/ipv6.md §2)`);
      return;
    }
    const found = [
      ...problems(f).map((p) => `${p.field}: ${p.message}`),
      ...fieldValues(f, 'icmpv6.checksum.status').filter((s) => s !== '1').map(() => 'ICMPv6 checksum not good'),
      ...fieldValues(f, 'udp.checksum.status').filter((s) => s !== '1').map(() => 'UDP checksum not good'),
      ...(f.protocols.includes('mipv6') ? mobilityChecksumProblems(f, bytes) : []),
      ...fieldDisagreements(f, encodedIpv6Fields(bytes)),
    ];
    if (f.protocols[0] !== 'raw' || f.protocols[1] !== 'ipv6') found.push(`decoded as ${f.protocols.join(':')}`);
    failures.push(...found.map((p) => `${label}: ${p}`));
    for (const t of fieldValues(f, 'mip6.mhtype')) mhTypes.add(t);
    for (const t of fieldValues(f, 'icmpv6.type')) icmpTypes.add(t);
    if (f.protocols.includes('ah')) {
      counts.ah++;
      const icv = ahIcvProblems(f, bytes, keyFor);
      if (icv.length > 0) icvRefused.push({ source: fieldValues(f, 'ipv6.src')[0] ?? '', problems: icv });
    }
    if (f.protocols.includes('ipv6.routing')) counts.rh2++;
    if (fieldValues(f, 'ipv6.opt.mipv6.home_address').length > 0) counts.hao++;
    if (f.protocols.filter((p) => p === 'ipv6').length > 1 && !f.protocols.includes('icmpv6')) counts.tunnel++;
    if (fieldValues(f, 'mip6.bad.auth').length > 0) counts.bad++;
    if (fieldValues(f, 'mip6.ni.hni').length > 0) counts.nonceIndices++;
  });
  expect(failures.slice(0, 20)).toEqual([]);
  return { frames, mhTypes, icmpTypes, counts, icvRefused };
}

const sorted = (s: ReadonlySet<string>): string[] => [...s].sort((a, b) => Number(a) - Number(b));

describe.skipIf(!hasTshark)(`IPv6 built-in captures read by tshark${hasTshark ? '' : ' — SKIPPED: tshark not found on PATH'}`, () => {
  it('ipv6-route-optimization: clean, and holds Neighbor Discovery, the home registration under AH, Binding Updates to the correspondent and datagrams with RH2 and HAO', async () => {
    const c = await captureAndCheck('ipv6-route-optimization', routeOptimization);
    expect(sorted(c.icmpTypes)).toEqual(expect.arrayContaining(['133', '134', '135', '136']));
    expect(sorted(c.mhTypes)).toEqual(expect.arrayContaining(['5', '6']));
    expect(c.counts.ah).toBeGreaterThanOrEqual(4);
    expect(c.counts.rh2).toBeGreaterThan(5);
    expect(c.counts.hao).toBeGreaterThan(5);
    expect(c.counts.tunnel).toBeGreaterThanOrEqual(1);
    expect(c.icvRefused).toEqual([]); // every AH ICV verifies, recomputed from tshark's offsets (RFC 4302 §3.3.3.1)
  }, 120_000);

  it('ipv6-return-routability: clean, and holds HoTI, CoTI, HoT, CoT, and a Binding Update with Nonce Indices and Binding Authorization Data', async () => {
    const c = await captureAndCheck('ipv6-return-routability', returnRoutability);
    expect(sorted(c.mhTypes)).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5', '6']));
    expect(c.counts.nonceIndices).toBeGreaterThanOrEqual(1);
    expect(c.counts.bad).toBeGreaterThanOrEqual(1);
    expect(c.counts.tunnel).toBeGreaterThanOrEqual(2); // the HoTI reverse-tunnelled, the HoT tunnelled
  }, 120_000);

  it('ipv6-smooth-handoff: clean across the move; the previous router is told the new care-of address and tunnels to it', async () => {
    // The move to cell2 is at 12 s and the Binding Updates follow at once: 14 s covers them, and the run is the heaviest (two flows).
    const c = await captureAndCheck('ipv6-smooth-handoff', smoothHandoff, seconds(14));
    const from = (f: TsharkFrame, i = 0) => fieldValues(f, 'ipv6.src')[i] ?? '';
    const to = (f: TsharkFrame, i = 0) => fieldValues(f, 'ipv6.dst')[i] ?? '';
    const toPrevious = c.frames.filter((f) => fieldValues(f, 'mip6.mhtype').includes('5') && to(f) === AR1 && from(f).startsWith(CELL2));
    expect(toPrevious.length).toBeGreaterThanOrEqual(1);
    for (const f of toPrevious) {
      expect(fieldValues(f, 'mip6.bu.h_flag')).toEqual(['1']);
      expect(fieldValues(f, 'ipv6.opt.mipv6.home_address')[0]).toMatch(new RegExp(`^${CELL1}`)); // the previous care-of address
    }
    expect(c.frames.some((f) => fieldValues(f, 'mip6.mhtype').includes('6') && from(f) === AR1)).toBe(true);
    expect(c.frames.some((f) => fieldValues(f, 'ipv6.nxt')[0] === '41' && from(f) === AR1 && to(f).startsWith(CELL2))).toBe(true);
    expect(c.icvRefused).toEqual([]);
  }, 120_000);

  it('ipv6-forged-binding-update: clean, including what the adversary forges (its bytes are well-formed; only its keys are wrong)', async () => {
    const c = await captureAndCheck('ipv6-forged-binding-update', forged);
    expect(sorted(c.mhTypes)).toEqual(expect.arrayContaining(['5', '6']));
    expect(c.counts.ah).toBeGreaterThanOrEqual(4);
    // The forged (10 s) and the tampered (14 s) Binding Updates come from the adversary's own address, under AH.
    const fromMallory = c.frames.filter((f) => fieldValues(f, 'ipv6.src')[0] === MALLORY && fieldValues(f, 'mip6.mhtype').includes('5'));
    expect(fromMallory.length).toBeGreaterThanOrEqual(2);
    for (const f of fromMallory) expect(f.protocols).toContain('ah');
    // Recomputed independently, the ICV fails exactly on the adversary's forged and tampered copies; the honest ones and its replay verify.
    expect(c.icvRefused.map((r) => r.source)).toEqual(fromMallory.map(() => MALLORY));
  }, 120_000);
});

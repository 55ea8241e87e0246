// The link type of a lab capture (capture-link-type.ts): an IPv4-only run
// keeps LINKTYPE_IPV4 (228), so its file is what it always was; a run with
// IPv6 declares LINKTYPE_RAW (101) on every link, which carries both versions
// on a dual-stack link (docs/ipv6.md §2, OC-50).

import { describe, expect, it } from 'vitest';
import { captureFromTrace } from '../cli/commands/run-capture';
import { runHeadless } from '../cli/commands/run';
import { captureLinkType, isIpv6Packet, topologyCarriesIpv6 } from '../engine/capture/capture-link-type';
import { LinkType } from '../engine/capture/pcapng';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { seconds } from '../engine/node/time';
import { loadBuiltin } from '../scenarios/builtin/index';
import { toLoadedScenario } from '../scenarios/to-topology';
import { parseScenario } from '../scenarios/validate';
import routeOptimization6 from '../scenarios/builtin/ipv6-route-optimization.json' with { type: 'json' };

function linkTypesOf(bytes: Uint8Array): number[] {
  const read = readPcapng(bytes);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.value.sections[0]!.interfaces.map((i) => i.linkType);
}

describe('the link type of a lab capture', () => {
  it('stays LINKTYPE_IPV4 on every link of an IPv4-only run, the interface description unchanged', () => {
    const loaded = loadBuiltin('route-optimization');
    expect(topologyCarriesIpv6(loaded.topology)).toBe(false);
    expect(captureLinkType(false)).toEqual({});
    const run = runHeadless(loaded, { until: seconds(3) });
    const types = linkTypesOf(captureFromTrace(run.trace, loaded.topology, loaded.profile).bytes);
    expect(types.length).toBeGreaterThan(3);
    expect(new Set(types)).toEqual(new Set([LinkType.IPV4]));
  });

  it('is LINKTYPE_RAW on every link of a run with IPv6, and every packet in it is IPv6', () => {
    const parsed = parseScenario(routeOptimization6);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const loaded = toLoadedScenario(parsed.scenario);
    expect(topologyCarriesIpv6(loaded.topology)).toBe(true);
    const run = runHeadless(loaded, { until: seconds(3) });
    const capture = captureFromTrace(run.trace, loaded.topology, loaded.profile);
    const types = linkTypesOf(capture.bytes);
    expect(types.length).toBeGreaterThan(3);
    expect(new Set(types)).toEqual(new Set([LinkType.RAW]));
    const read = readPcapng(capture.bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const packets = read.value.sections[0]!.packets;
    expect(packets.length).toBeGreaterThan(5);
    expect(packets.filter((p) => !isIpv6Packet(p.bytes))).toEqual([]);
  });

  it('reads the version from the first nibble', () => {
    expect([isIpv6Packet(Uint8Array.of(0x60, 0)), isIpv6Packet(Uint8Array.of(0x45, 0)), isIpv6Packet(new Uint8Array())]).toEqual([true, false, false]);
  });
});

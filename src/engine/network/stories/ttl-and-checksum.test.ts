// Story: datagrams a router must refuse — one whose TTL runs out (the sender
// hears back through ICMP Time Exceeded), and one whose header was damaged.

import { describe, expect, it } from 'vitest';
import { hostBehaviour, initialHostState, type HostState } from '../behaviours/host';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { createSimulation, nodeSetup } from '../simulation';
import { eventsOf, hostState, injectorBehaviour, lineSimulation, lineTopology } from '../test-support/scenarios';
import { bytesToHex, hexToBytes } from '../../wire/test-support/laws';

describe('TTL expiry', () => {
  it('R2 discards a datagram that arrives with TTL 1 and tells H1 with ICMP Time Exceeded', () => {
    const sim = lineSimulation(1);
    sim.command('H1', { type: 'send-udp', destination: '10.2.0.10', sourcePort: 5000, destinationPort: 7, payload: new TextEncoder().encode('ping'), ttl: 2 }, 500);
    sim.runUntilIdle();
    expect(hostState(sim, 'H2').deliveries).toEqual([]);
    const [drop] = eventsOf(sim.trace, 'R2', 'dropped');
    expect(drop!.reason).toMatch(/^TTL reached 0: the datagram arrived with TTL 1/);
    expect(drop!.ref).toBe('RFC 791 §3.1');
    // The ICMP error leaves R2 from its core address (the interface back toward H1), TTL 64 (OC-08).
    // 32-octet datagram: lan1 26 µs (ceil 25.6), core 256 µs. Sent 500 → R1 626 → R2 2882; ICMP (56 octets):
    // core 448 µs → R1 5330; lan1 45 µs (ceil 44.8) → H1 5475.
    const [icmp] = hostState(sim, 'H1').deliveries;
    expect(icmp).toMatchObject({ time: 5475, source: '10.0.12.2', protocol: 1, icmpType: 11, icmpCode: 0, ttl: 63 });
    const [sent] = eventsOf(sim.trace, 'R2', 'sent');
    expect(sent!.summary).toBe('ICMP Time Exceeded (TTL exceeded in transit) 10.0.12.2 → 10.1.0.10 (type 11 code 0)');
    expect(sent!.causedBy).toBe(drop!.causedBy); // both follow from the same reception
    // Byte for byte (checksums by an independent script): IPv4 10.0.12.2 → 10.1.0.10, TTL 64, protocol 1,
    // then type 11 code 0 quoting H1's datagram as R2 received it (TTL 1).
    expect(bytesToHex(sent!.bytes!)).toBe(bytesToHex(hexToBytes(`
      45 00 00 38 00 01 00 00 40 01 5a b8 0a 00 0c 02 0a 01 00 0a
      0b 00 e8 04 00 00 00 00
      45 00 00 20 00 01 00 00 01 11 a5 b6 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f`)));
  });

  it('a datagram addressed to the router itself is delivered whatever its TTL', () => {
    const sim = lineSimulation(1);
    sim.command('H1', { type: 'send-udp', destination: '10.1.0.1', sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(4), ttl: 1 }, 0);
    sim.runUntilIdle();
    expect(eventsOf(sim.trace, 'R1', 'delivered')).toHaveLength(1);
    expect(eventsOf(sim.trace, 'R1', 'dropped')).toEqual([]);
  });
});

describe('damaged header', () => {
  it('R1 drops a datagram with a bad header checksum, says why, and sends no ICMP about it', () => {
    const topology = lineTopology();
    const sim = createSimulation({
      topology,
      seed: 1,
      nodes: {
        H1: nodeSetup(injectorBehaviour, null),
        R1: nodeSetup(routerBehaviour, initialRouterState()),
        R2: nodeSetup(routerBehaviour, initialRouterState()),
        H2: nodeSetup(hostBehaviour, initialHostState()),
      },
    });
    // UDP 10.1.0.10:5000 → 10.2.0.10:7 "ping" (checksums by an independent script: IP 0x66b6, UDP 0xf95f), IP checksum damaged to 0x66b7.
    const damaged = hexToBytes('45 00 00 20 00 01 00 00 40 11 66 b7 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f 70 69 6e 67');
    sim.command('H1', { type: 'inject', interface: 'eth0', destination: '02:00:00:00:01:00', bytes: damaged }, 0);
    sim.runUntilIdle();
    const [drop] = eventsOf(sim.trace, 'R1', 'dropped');
    expect(drop).toMatchObject({
      summary: 'UDP 10.1.0.10 → 10.2.0.10 dropped',
      reason: "bad IPv4 header checksum 0x66b7 (the header's content gives 0x66b6): the header was damaged on the way, so the datagram is discarded",
      ref: 'RFC 791 §3.1',
      interface: 'eth0',
    });
    expect(Array.from(drop!.bytes!)).toEqual(Array.from(damaged));
    expect(eventsOf(sim.trace, 'R1', 'sent')).toEqual([]);
    expect(eventsOf(sim.trace, 'R1', 'forwarded')).toEqual([]);
    expect(sim.nodeState<HostState>('H2').deliveries).toEqual([]);
  });
});

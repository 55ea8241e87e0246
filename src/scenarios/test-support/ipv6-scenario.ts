// A small IPv6 scenario (docs/ipv6.md §2) as plain mutable data, for the
// format tests: the home link served by the home agent, one access router's
// cell, a core router, the correspondent's LAN, and an eavesdropper.
//
//   node order: 0 HA, 1 R, 2 AR1, 3 CN, 4 MN, 5 Eve
//   associations: 0 MN–HA, 1 MN–CN

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function ipv6Scenario(): Json {
  return {
    format: 'route-optimization-lab/scenario@1',
    title: 'IPv6 format test',
    description: 'A mobile node away from its IPv6 home link (Perkins & Johnson §10).',
    durationS: 20,
    links: [
      { id: 'home', kind: 'radio', delayMs: 1, centre: { x: 100, y: 400 }, radius: 100 },
      { id: 'cell1', kind: 'radio', delayMs: 1, centre: { x: 500, y: 400 }, radius: 100 },
      { id: 'ha-r', kind: 'point-to-point', delayMs: 8 },
      { id: 'ar1-r', kind: 'point-to-point', delayMs: 3 },
      { id: 'cn-lan', kind: 'segment', delayMs: 2 },
    ],
    nodes: [
      { id: 'HA', role: 'home-agent-v6', position: { x: 100, y: 300 }, interfaces: [
        { name: 'eth0', address: '10.0.1.2', prefixLength: 30, link: 'ha-r', ipv6: '2001:db8:0:1::2/64' },
        { name: 'wlan0', address: '10.1.0.1', prefixLength: 24, link: 'home', ipv6: '2001:DB8:1:0::1/64' },
      ], settings: { homeLink: 'home' } },
      { id: 'R', role: 'router', interfaces: [
        { name: 'eth0', address: '10.0.1.1', prefixLength: 30, link: 'ha-r', ipv6: '2001:db8:0:1::1/64' },
        { name: 'eth1', address: '10.0.2.1', prefixLength: 30, link: 'ar1-r', ipv6: '2001:db8:0:2::1/64' },
        { name: 'eth2', address: '198.51.100.1', prefixLength: 24, link: 'cn-lan', ipv6: '2001:db8:100::1/64' },
      ] },
      { id: 'AR1', role: 'access-router-v6', position: { x: 500, y: 300 }, interfaces: [
        { name: 'eth0', address: '10.0.2.2', prefixLength: 30, link: 'ar1-r', ipv6: '2001:db8:0:2::2/64' },
        { name: 'wlan0', address: '192.168.2.1', prefixLength: 24, link: 'cell1', ipv6: '2001:db8:2::1/64' },
      ] },
      { id: 'CN', role: 'correspondent-v6', interfaces: [{ name: 'eth0', address: '198.51.100.5', prefixLength: 24, link: 'cn-lan', ipv6: '2001:db8:100::5/64' }] },
      { id: 'MN', role: 'mobile-node-v6', position: { x: 500, y: 420 }, interfaces: [{ name: 'wlan0', address: '10.1.0.10', prefixLength: 24, radio: true, ipv6: '2001:db8:1::10/64' }],
        settings: { homeAgent: 'HA', homeLink: 'home' } },
      { id: 'Eve', role: 'adversary-v6', interfaces: [{ name: 'eth0', address: '198.51.100.66', prefixLength: 24, link: 'cn-lan', ipv6: '2001:db8:100::66/64', promiscuous: true }],
        settings: { actions: [{ atS: 5, to: 'CN', kind: 'forge-binding-update', homeAddress: '2001:db8:1::10', careOfAddress: '2001:db8:100::66' }, { atS: 6, to: 'CN', kind: 'replay-binding-update' }] } },
    ],
    securityAssociations: [
      { between: ['MN', 'HA'], spi: 1000, key: '00112233445566778899aabbccddeeff' },
      { between: ['MN', 'CN'], spi: 1001, key: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', algorithm: 'hmac-md5' },
    ],
    flows: [{ id: 'cn-to-mn', from: 'CN', to: '2001:db8:1::10', startS: 2, intervalMs: 500, count: 10 }],
    moves: [{ atS: 10, node: 'MN', toCellOf: 'AR1' }],
  };
}

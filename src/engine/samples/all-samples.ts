// Every sample packet the lab shows: the IPv4 ones (sample-packets.ts, order
// and names unchanged), then the IPv6 ones (sample-ipv6.ts). What
// `mip-lab sample-capture` writes and the decoder page's sample picker lists.

import { buildIpv6SamplePackets } from './sample-ipv6';
import { buildSamplePackets, type SamplePacket } from './sample-packets';

export function buildAllSamplePackets(options: { readonly seed: number }): SamplePacket[] {
  return [...buildSamplePackets(options), ...buildIpv6SamplePackets(options)];
}


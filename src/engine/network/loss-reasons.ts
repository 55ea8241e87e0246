// What a learner reads when the network, not a node, loses a frame: a trace
// event of kind `lost`, recorded by the sender at the time the frame would
// have arrived (node-runner.ts), whose summary says where and whose reason
// says why — the link's loss draw took it, or no station on the link has the
// address it was sent to (the mobile node it was meant for has left the
// cell). Learner-facing: nodes and links by id, never interface names,
// link-layer addresses or canvas coordinates.

import type { LinkAddress } from '../node/link-address';
import type { Membership } from './radio';
import type { LinkId, TopologyIndex } from './topology';

const linkList = (links: readonly LinkId[]): string => (links.length === 1 ? links[0]! : `${links.slice(0, -1).join(', ')} or ${links[links.length - 1]}`);

/** "lost on link core on the way to R2": the node it would have reached (drop marks place it half-way). */
export function linkLossSummary(link: LinkId, receiver: string): string {
  return `lost on link ${link} on the way to ${receiver}`;
}

const ON_THE_WAY_TO = /^lost on link \S+ on the way to (\S+)$/;

/** The receiver a `lost` event's summary names (a copy the loss draw took); undefined for a frame that reached no one. */
export function lostReceiverOf(summary: string): string | undefined {
  return ON_THE_WAY_TO.exec(summary)?.[1];
}

export function linkLossReason(link: LinkId, probability: number): string {
  const down = probability >= 1 ? ' (the link is down)' : '';
  return `link ${link} loses each frame with probability ${probability}${down}; the seeded draw for this frame and receiver came out "lost"`;
}

export function unreachedSummary(links: readonly LinkId[]): string {
  return `lost on link ${linkList(links)}: no station there has its destination address`;
}

/**
 * Why a unicast frame reached no one: whose address it was sent to, and where
 * that node is now — "no station on cell1 has that address: MN, whose address
 * it is, has left the cell (it is now attached to cell2)".
 */
export function unreachedReason(index: TopologyIndex, membership: Membership, links: readonly LinkId[], destination: LinkAddress): string {
  const head = `no station on ${linkList(links)} has that address`;
  for (let n = 0; n < index.configs.length; n++) {
    const i = index.configs[n]!.interfaces.findIndex((c) => c.linkAddress === destination);
    if (i < 0) continue;
    const owner = index.topology.nodes[n]!.id;
    if (!index.configs[n]!.interfaces[i]!.radio) return `${head}: it belongs to ${owner}, which is not on that link`;
    const now = membership.attachments[n]![i]!;
    const where = now.length === 0 ? 'it is now out of range of every cell' : `it is now attached to ${linkList(now)}`;
    return `${head}: ${owner}, whose address it is, has left the cell (${where})`;
  }
  return `${head}: no node in this network has it`;
}

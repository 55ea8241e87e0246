// Small readers shared by the lesson story tests (lessons.test.ts,
// lessons-cache-and-security.test.ts): node states by role, extension types,
// and the correspondent → mobile node triangle path.

import type { Simulation } from '../../engine/network/simulation';
import type { CorrespondentNodeState } from '../../engine/protocol/nodes/cn/correspondent';
import type { ForeignAgentState } from '../../engine/protocol/nodes/fa/foreign-agent';
import type { HomeAgentState } from '../../engine/protocol/nodes/ha/home-agent';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node';
import { extensionTypeOf, type MipExtension } from '../../engine/wire/mip/extensions/mip-extension';
import type { FollowedDatagram } from './lesson-reading';

export const cn = (sim: Simulation) => sim.nodeState<CorrespondentNodeState>('CN');
export const ha = (sim: Simulation) => sim.nodeState<HomeAgentState>('HA');
export const fa = (sim: Simulation, id: string) => sim.nodeState<ForeignAgentState>(id);
export const mn = (sim: Simulation) => sim.nodeState<MobileNodeState>('MN');
export const types = (extensions: readonly MipExtension[]) => extensions.map(extensionTypeOf);
export const roAuthSpi = (extensions: readonly MipExtension[]) => extensions.flatMap((x) => (x.kind === 'ro-auth' ? [x.spi] : []));
export const arrived = (ds: readonly FollowedDatagram[]) => ds.filter((d) => d.arrivedAt !== null);
export const oneWayMs = (d: FollowedDatagram) => (d.arrivedAt! - d.sentAt) / 1000;
/** The triangle route of a correspondent datagram through the home agent. */
export const TRIANGLE = ['R', 'HA', 'R', 'FA1', 'MN'];
export const S = 1_000_000;

// The lab's nodes: mobile node, foreign agent, home agent (RFC 2002 §3.6–§3.8,
// with Route Optimization, smooth handoff and registration keys, Perkins &
// Johnson §3, §4, §9), correspondent (Perkins & Johnson §3; optim-08 §3.1) and adversary — sans-IO
// behaviours (node/contract.ts) that embed agent discovery and the protocol
// tables.

export { mobileNodeBehaviour, initialMobileNodeState, type MobileNodeConfig, type MobileNodeOptions, type MobileNodeState } from './mn/mobile-node';
export { foreignAgentBehaviour, initialForeignAgentState, type ForeignAgentConfig, type ForeignAgentOptions, type ForeignAgentState } from './fa/foreign-agent';
export { homeAgentBehaviour, initialHomeAgentState, type HomeAgentConfig, type HomeAgentOptions, type HomeAgentState } from './ha/home-agent';
export type { LaterExtensions, RouteOptimizationHook, SmoothHandoffHook } from './common/hooks';
export { correspondentBehaviour, initialCorrespondentState, type CorrespondentOptions, type CorrespondentNodeState } from './cn/correspondent';
export type { Encapsulation } from './common/tunnels';
export { MN_REGISTRATION_PORT } from './common/mip-io';
export { retransmissionTimeout } from './mn/registration-client';

// Route optimization as pure, node-independent logic (route-optimization.md
// §1–§22): the nodes in protocol/nodes/ call these at their hook points and
// turn the returned sends, forwards and traces into frames (types.ts).

export * from './adversary';
export * from './binding-update-check';
export * from './correspondent';
export * from './foreign-agent-ro';
export * from './home-agent-binding-update';
export {
  afterRegistrationAccepted, afterTunnellingFor, receiveBindingAcknowledge, receiveBindingRequest, receiveBindingWarning, receiveSpecialTunnel,
  type SpecialTunnelAction, type SpecialTunnelInput,
} from './home-agent-ro';
export * from './mobile-node-handoff';
export * from './previous-foreign-agent';
export {
  DEFAULT_PFAN_CACHE_LIFETIME_SECONDS, EMPTY_PENDING_ACK_DELIVERIES, bindingUpdateFromNotification, buildPreviousFaNotification, deliverToPendingMobileNode,
  type PendingAcknowledgeDeliveries, type SmoothHandoffNotification, type SmoothHandoffPlan,
} from './smooth-handoff';
export * from './types';

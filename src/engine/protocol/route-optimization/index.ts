// Route optimization as pure, node-independent logic (Perkins & Johnson §3; docs/protocol-notes.md §Timers and constants): the nodes in protocol/nodes/ call these at their hook points and
// turn the returned sends, forwards and traces into frames (types.ts).

export * from './adversary';
export * from './binding-acknowledge-check';
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
export * from './return-home';
export {
  DEFAULT_PFAN_CACHE_LIFETIME_SECONDS, EMPTY_PENDING_ACK_DELIVERIES, bindingUpdateFromNotification, buildPreviousFaNotification, deliverToPendingMobileNode, smoothHandoffBindingUpdate,
  type PendingAcknowledgeDeliveries, type SmoothHandoffIdentification, type SmoothHandoffNotification, type SmoothHandoffPlan,
} from './smooth-handoff';
export * from './types';

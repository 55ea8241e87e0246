// The names a lesson's checks use for messages and tables, apart from the schema
// (schema.ts) so that code evaluating checks during a run does not carry the
// schema library with it.

/**
 * The messages a check can name: Mobile IP's (RFC 2002 §3.3, §3.4; Perkins & Johnson §3.1–§3.4), then IPv6's (Perkins &
 * Johnson §10): Neighbor Discovery's Router Solicitation and Advertisement (RFC 4861 §4.1, §4.2) and the Mobility Header
 * messages (RFC 6275 §6.1). "binding-update" names a Binding Update of either version: the paper calls both so.
 */
export const MESSAGE_NAMES = [
  'registration-request', 'registration-reply', 'binding-warning', 'binding-request', 'binding-update', 'binding-acknowledge',
  'router-advertisement', 'router-solicitation', 'home-test-init', 'care-of-test-init', 'home-test', 'care-of-test',
  'binding-refresh-request', 'binding-acknowledgement', 'binding-error',
] as const;
export type MessageName = (typeof MESSAGE_NAMES)[number];

/** The tables a check can read, as their table-changed trace events name them. */
export const TABLE_NAMES = ['binding-cache', 'visitor-list', 'mobility-bindings'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

// A small world for the route-optimization tests: the addresses of
// docs/protocol-notes.md §Test vectors (MN home 10.1.0.10, HA 10.1.0.1, CoA 192.168.2.1,
// CN 198.51.100.5), the MSAs between them, and helpers that build a home
// agent's binding list, a foreign agent's visitor list, and datagrams.

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { ReplayStyle } from '../../../crypto/security-association';
import { createRandom } from '../../../random';
import { udpDatagram } from '../../../wire/datagram';
import { emptyBindingCache } from '../../tables/binding-cache';
import { EMPTY_BU_RECEIVER_REPLAY, EMPTY_BU_SENDER_REPLAY } from '../../tables/binding-update-replay';
import { EMPTY_ACKNOWLEDGED_CORRESPONDENTS } from '../../tables/acknowledged-correspondents';
import { EMPTY_INFORMED_CORRESPONDENTS } from '../../tables/informed-correspondents';
import { EMPTY_MOBILITY_BINDINGS, acceptRegistration, type MobilityBindingFlags, type MobilityBindingList } from '../../tables/mobility-bindings';
import { emptyRateLimiter } from '../../tables/rate-limiter';
import { EMPTY_SECURITY_ASSOCIATIONS, addSecurityAssociation, type SecurityAssociationTable } from '../../tables/security-associations';
import { MICROS_PER_SECOND } from '../../tables/table-change';
import { EMPTY_VISITOR_LIST, applyReply, recordPendingRequest, type VisitorList } from '../../tables/visitor-list';
import type { CorrespondentContext, CorrespondentState } from '../correspondent';
import type { HomeAgentContext, HomeAgentRoState } from '../home-agent-binding-update';
import { DEFAULT_RO_CONFIG, type RoSend, type ReceivedMessage } from '../types';

export const S = MICROS_PER_SECOND;
export const MN = '10.1.0.10';
export const HA = '10.1.0.1';
export const FA1 = '192.168.2.1';
export const FA2 = '192.168.3.1';
export const CN = '198.51.100.5';
export const CN2 = '198.51.100.6';
export const REQUEST_ID = { high: 0xd5c1e2a0, low: 0x12345678 };

export const HA_CN_KEY = Uint8Array.from({ length: 16 }, (_, i) => 15 - i); // 0f0e…00, as in docs/protocol-notes.md §Test vectors
export const MN_FA1_KEY = new Uint8Array(16).fill(0x5a); // docs/protocol-notes.md §Test vectors smooth-handoff vector
export const HA_CN_SPI = 0x101;
export const MN_FA1_SPI = 0x1000;

export function msa(peer: string, key: Uint8Array, spi: number, replay: ReplayStyle = 'timestamp'): SecurityAssociation {
  return { peer, key, spi, algorithm: 'keyed-md5', replay };
}

export function associations(...sas: SecurityAssociation[]): SecurityAssociationTable {
  let t = EMPTY_SECURITY_ASSOCIATIONS;
  for (const sa of sas) t = addSecurityAssociation(t, sa, 0).table;
  return t;
}

export const NO_FLAGS: MobilityBindingFlags = {
  broadcastDatagrams: false, decapsulationByMobileNode: false, minimalEncapsulation: false, greEncapsulation: false, vjCompression: false, privateBinding: false,
};

/** The HA's binding list after MN registered `careOf` at `at` for `lifetime` s. */
export function registered(careOf = FA1, flags: Partial<MobilityBindingFlags> = {}, lifetime = 300, at = 0): MobilityBindingList {
  return acceptRegistration(EMPTY_MOBILITY_BINDINGS, {
    homeAddress: MN, careOfAddress: careOf, grantedLifetimeSeconds: lifetime, identification: REQUEST_ID,
    flags: { ...NO_FLAGS, ...flags }, simultaneousBindings: false, registeringFa: careOf,
  }, at).table;
}

export function emptyHomeAgentState(): HomeAgentRoState {
  return { replay: EMPTY_BU_SENDER_REPLAY, limiter: emptyRateLimiter('Binding Update'), acknowledged: EMPTY_ACKNOWLEDGED_CORRESPONDENTS, informed: EMPTY_INFORMED_CORRESPONDENTS };
}

export function haContext(fields: Partial<HomeAgentContext> = {}): HomeAgentContext {
  return {
    address: HA, homeAddresses: [MN], bindings: registered(), associations: associations(msa(CN, HA_CN_KEY, HA_CN_SPI)),
    maintainAcknowledgedList: false, config: DEFAULT_RO_CONFIG, ...fields,
  };
}

export function emptyCorrespondentState(): CorrespondentState {
  return { cache: emptyBindingCache(), replay: EMPTY_BU_RECEIVER_REPLAY };
}

export function cnContext(fields: Partial<CorrespondentContext> = {}): CorrespondentContext {
  return { address: CN, associations: associations(msa(HA, HA_CN_KEY, HA_CN_SPI)), implementsRouteOptimization: true, config: DEFAULT_RO_CONFIG, ...fields };
}

/** What a send looks like when it arrives at its destination. */
export function arrival(send: RoSend): ReceivedMessage {
  return { payload: send.payload, source: send.source, destination: send.destination };
}

/** A visitor list in which MN is registered at this FA with the MN–FA1 registration key. */
export function visitorsWithMobileNode(at = 0, lifetime = 300, fa = FA1): VisitorList {
  const pending = recordPendingRequest(EMPTY_VISITOR_LIST, {
    homeAddress: MN, linkAddress: '02:00:00:00:00:0a', requestDestination: fa, udpSourcePort: 434, homeAgent: HA, careOfAddress: fa,
    identification: REQUEST_ID, requestedLifetimeSeconds: lifetime,
  }, null, at).table;
  return applyReply(pending, {
    homeAddress: MN, identification: REQUEST_ID, accepted: true, grantedLifetimeSeconds: lifetime, registrationKey: msa(MN, MN_FA1_KEY, MN_FA1_SPI),
  }, at).table;
}

/** A UDP datagram from the CN to the MN's home address (the data flow of the stories). */
export function dataDatagram(source = CN, destination = MN, ttl = 64): Uint8Array {
  return udpDatagram({ source, destination, ttl }, 5000, 7, Uint8Array.of(1, 2, 3, 4));
}

export function seeded(seed = 7) {
  return createRandom(seed);
}

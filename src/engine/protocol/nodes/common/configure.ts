// What every node does with the learner's live commands (docs/architecture.md "Runtime";
// lab-commands.ts): say what changed, and the section the setting governs,
// in a `decision` trace whose summary starts "learner:"; refuse — traced,
// never thrown — what does not apply to the node's role; and the one change
// several roles share, the algorithm of their mobility security associations.

import type { AuthAlgorithm } from '../../../crypto/authenticator';
import type { NodeOutput } from '../../../node/contract';
import type { SecurityAssociationEntry, SecurityAssociationTable } from '../../tables/security-associations';
import { withEntry } from '../../tables/table-change';
import { SETTING_NAMES, settingValueText, type ConfigureCommand, type NodeSettingValue } from './lab-commands';
import { decision, trace } from './trace';

/** What each setting governs, and where: the ref of its traces, and the tail of a refusal. */
export const SETTING_GOVERNS: Readonly<Record<NodeSettingValue['setting'], { readonly text: string; readonly ref: string }>> = {
  'route-optimization': {
    text: 'Route Optimization is done by home agents (Binding Updates), foreign agents (Binding Warnings, re-tunnelling) and correspondents (binding caches)',
    ref: 'optim-08 §1; Perkins & Johnson §3',
  },
  'smooth-handoff': {
    text: 'smooth handoff is between a mobile node (it asks for the Previous Foreign Agent Notification) and foreign agents (they advertise S)',
    ref: 'optim-08 §5; Perkins & Johnson §4; optim-08 §5.2; Perkins & Johnson §4.1; optim-08 §5.1',
  },
  encapsulation: {
    text: 'the encapsulation is requested by a mobile node (M/G bits of its Registration Request) from what its foreign agent advertises, and chosen by a correspondent for its own tunnels where the Binding Update\'s M/G bits allow it',
    ref: 'RFC 2002 §3.3, §2.1.1',
  },
  'auth-algorithm': {
    text: 'the authentication algorithm belongs to a node\'s mobility security associations',
    ref: 'RFC 2002 §3.5.1',
  },
  'acknowledging-correspondents': {
    text: 'the list of correspondents that acknowledge is kept by a home agent, which asks for Binding Acknowledges (A = 1) and updates the listed correspondents on every new registration',
    ref: 'optim-08 §7.3; Perkins & Johnson §3.4',
  },
  'previous-fa-forwarding': {
    text: 'whether the previous foreign agent forwards or forgets is asked by a mobile node, in the Previous Foreign Agent Notification of its next registration',
    ref: 'Perkins & Johnson §4.2; optim-08 §5.1',
  },
};

/** "learner: smooth handoff off at FA1 — …": the decision trace of an applied setting. */
export function learnerChanged(what: string, consequence: string, reason: string, ref: string): NodeOutput {
  return decision(`learner: ${what} — ${consequence}`, reason, ref);
}

/** `configure` of a setting the role does not have: nothing changes, and the trace says why. */
export function refuseSetting(c: ConfigureCommand, role: string): NodeOutput {
  const g = SETTING_GOVERNS[c.setting];
  return decision(`learner: ${SETTING_NAMES[c.setting]} ${settingValueText(c)} refused at this ${role} — the setting does not apply here`, `${g.text}; a ${role} has no such setting (${g.ref})`, g.ref);
}

/** A command the node cannot act on (a flow at an agent, an attack from a correspondent, …). */
export function refuseCommand(type: string, role: string, why: string, ref: string): NodeOutput {
  return decision(`learner: ${type} refused at this ${role}`, why, ref);
}

export const NO_FLOWS = 'traffic flows start at mobile nodes and correspondents; this node sends none of its own';
export const FLOWS_REF = 'lab traffic flows (lab choice: the scenario\'s flows)';
export const ATTACKS_REF = 'Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5';

/** An attack or a flow command at a node that makes none. */
export function refuseNonSetting(type: string, role: string): NodeOutput {
  return type === 'inject' ? refuseCommand('inject', role, 'only an adversary makes attacks', ATTACKS_REF) : refuseCommand(type, role, NO_FLOWS, FLOWS_REF);
}

/** The learner asked for the value the node already has. */
export function unchanged(c: ConfigureCommand, role: string): NodeOutput {
  return decision(`learner: ${SETTING_NAMES[c.setting]} already ${settingValueText(c)} at this ${role} — nothing changes`, 'the node already had this setting', SETTING_GOVERNS[c.setting].ref);
}

const ALGORITHM_NAMES: Readonly<Record<AuthAlgorithm, string>> = { 'keyed-md5': 'keyed-MD5 prefix+suffix', 'hmac-md5': 'HMAC-MD5' };

/** The consequence every algorithm change shares: peers must agree, or authentication fails (the lesson). */
export function algorithmReason(algorithm: AuthAlgorithm): string {
  return `messages are now signed and checked with ${ALGORITHM_NAMES[algorithm]}; a peer whose MSA still says the other algorithm computes a different authenticator, so authentication fails in both directions until both ends agree (the SPI selects the algorithm: RFC 2002 §3.5.1)`;
}

/**
 * Every configured MSA (and a home agent's master key) switched to
 * `algorithm`, one table-changed trace per entry that changed. Registration
 * keys learned during handoffs keep theirs: they were agreed in a key
 * exchange, not configured (Perkins & Johnson §9.1, §9.2).
 */
export function withAlgorithm(table: SecurityAssociationTable, algorithm: AuthAlgorithm, ref: string): { table: SecurityAssociationTable; outputs: NodeOutput[] } {
  let entries = table.entries;
  const outputs: NodeOutput[] = [];
  for (const [id, e] of Object.entries(table.entries)) {
    if (e.origin !== 'configured' || e.association.algorithm === algorithm) continue;
    const after: SecurityAssociationEntry = { ...e, association: { ...e.association, algorithm } };
    entries = withEntry(entries, id, after);
    outputs.push(trace('table-changed', `security associations: ${id} updated`, ref, { reason: `learner: algorithm ${e.association.algorithm} → ${algorithm}`, before: e, after }));
  }
  let masterKey = table.masterKey;
  if (masterKey !== null && masterKey.algorithm !== algorithm) {
    const after = { ...masterKey, algorithm };
    outputs.push(trace('table-changed', 'security associations: master key updated', ref, { reason: `learner: algorithm of the MSAs derived from the master key ${masterKey.algorithm} → ${algorithm}`, before: masterKey, after }));
    masterKey = after;
  }
  return { table: { entries, masterKey }, outputs };
}

/**
 * The whole `auth-algorithm` setting at a node whose MSAs live in a table
 * (HA, FA, CN): refused when it holds no configured MSA, "already" when none
 * changes, else the learner's decision followed by one table change per MSA.
 */
export function configureAlgorithm(table: SecurityAssociationTable, c: ConfigureCommand & { readonly setting: 'auth-algorithm' }, role: string, covers: string, ref: string): { table: SecurityAssociationTable; outputs: NodeOutput[] } {
  const configured = Object.values(table.entries).some((e) => e.origin === 'configured') || table.masterKey !== null;
  if (!configured) return { table, outputs: [decision(`learner: authentication algorithm ${c.value} refused at this ${role} — it holds no configured security association`, 'the algorithm is a property of a mobility security association; this node shares none with anyone', ref)] };
  const changed = withAlgorithm(table, c.value, ref);
  if (changed.outputs.length === 0) return { table, outputs: [unchanged(c, role)] };
  return { table: changed.table, outputs: [learnerChanged(`authentication algorithm ${c.value} at the ${role}`, covers, algorithmReason(c.value), ref), ...changed.outputs] };
}

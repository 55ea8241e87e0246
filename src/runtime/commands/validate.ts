// Checking a learner's command against the scenario it is sent to (docs/architecture.md "Runtime")
// before it reaches the engine: a command from the UI, or from a shared run's
// command log (untrusted JSON), either applies cleanly or is refused with one
// specific sentence — never a thrown stack inside a worker.

import { MIN_LINK_DELAY } from '../../engine/network/link-change';
import { isIpv4Address } from '../../engine/wire/address';
import { adversaryActionSchema } from '../../scenarios/schema';
import type { LoadedNode, LoadedScenario } from '../../scenarios/to-topology';
import type { LabCommand } from '../types';
import { ROLE_NAMES, SETTING_SCOPES, settingRefusal } from './setting-roles';

/** The worker fabric's lookahead is the smallest link delay: it must stay at least 1 µs (docs/architecture.md "Runtime"; the engine's own bound, link-change.ts). */
export const MIN_LINK_DELAY_MICROS = MIN_LINK_DELAY;

/** Roles that send traffic flows (start-flow / stop-flow). */
const FLOW_ROLES = ['mobile-node', 'correspondent'] as const;

const SETTING_VALUES: Readonly<Record<string, readonly (string | boolean)[]>> = {
  'route-optimization': [true, false],
  'smooth-handoff': [true, false],
  encapsulation: ['ip-in-ip', 'minimal', 'gre'],
  'auth-algorithm': ['keyed-md5', 'hmac-md5'],
  'acknowledging-correspondents': [true, false],
  'previous-fa-forwarding': [true, false],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const list = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');
const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(JSON.stringify(v) ?? v));

function findNode(loaded: LoadedScenario, id: unknown): LoadedNode | string {
  if (typeof id !== 'string' || id === '') return 'the command names no node';
  return loaded.nodes.find((n) => n.id === id) ?? `unknown node "${id}" (this scenario's nodes are ${list(loaded.nodes.map((n) => n.id))})`;
}

function flowProblem(flow: unknown): string | null {
  if (!isRecord(flow)) return 'the flow is missing';
  if (typeof flow.id !== 'string' || flow.id === '') return 'the flow needs an id';
  const where = `flow "${flow.id}"`;
  if (typeof flow.destination !== 'string' || !isIpv4Address(flow.destination)) return `${where}: destination ${show(flow.destination)} is not an IPv4 address`;
  for (const port of ['sourcePort', 'destinationPort'] as const) {
    const p = flow[port];
    if (!Number.isInteger(p) || (p as number) < 1 || (p as number) > 65535) return `${where}: ${port} ${show(p)} is not a port (1–65535)`;
  }
  if (!Number.isSafeInteger(flow.start) || (flow.start as number) < 0) return `${where}: start ${show(flow.start)} is not a time in whole µs ≥ 0`;
  if (!Number.isSafeInteger(flow.interval) || (flow.interval as number) < 1) return `${where}: interval ${show(flow.interval)} is not a duration of at least 1 µs`;
  if (!Number.isSafeInteger(flow.count) || (flow.count as number) < 1) return `${where}: count ${show(flow.count)} is not a whole number ≥ 1`;
  if (!Number.isInteger(flow.payloadOctets) || (flow.payloadOctets as number) < 0 || (flow.payloadOctets as number) > 1400) return `${where}: payloadOctets ${show(flow.payloadOctets)} is not 0–1400`;
  return null;
}

function roleProblem(node: LoadedNode, roles: readonly string[], what: string): string | null {
  return roles.includes(node.role) ? null : `node "${node.id}" is ${ROLE_NAMES[node.role]}: ${what}`;
}

function checkLink(command: Record<string, unknown>, loaded: LoadedScenario): string | null {
  const links = loaded.topology.links.map((l) => l.id);
  if (typeof command.link !== 'string' || !links.includes(command.link)) return `unknown link ${show(command.link)} (this scenario's links are ${list(links)})`;
  if (command.delay === undefined && command.loss === undefined) return `set-link "${command.link}" changes nothing: give a delay, a loss or both`;
  if (command.delay !== undefined) {
    if (!isFiniteNumber(command.delay)) return `link "${command.link}": delay ${show(command.delay)} is not a number of µs`;
    if (command.delay < MIN_LINK_DELAY_MICROS) return `link "${command.link}": delay ${command.delay} µs is below the minimum of ${MIN_LINK_DELAY_MICROS} µs (the worker fabric's lookahead is the smallest link delay)`;
    if (!Number.isSafeInteger(command.delay)) return `link "${command.link}": delay ${command.delay} µs is not a whole number of µs`;
  }
  if (command.loss !== undefined && (!isFiniteNumber(command.loss) || command.loss < 0 || command.loss > 1)) return `link "${command.link}": loss ${show(command.loss)} is not a probability in [0, 1]`;
  return null;
}

function checkConfigure(node: LoadedNode, command: Record<string, unknown>): string | null {
  const setting = command.setting;
  if (typeof setting !== 'string' || !(setting in SETTING_SCOPES)) return `unknown setting ${show(setting)} (settings: ${list(Object.keys(SETTING_SCOPES))})`;
  const allowed = SETTING_VALUES[setting]!;
  if (!allowed.includes(command.value as string | boolean)) return `${setting}: ${show(command.value)} is not one of ${allowed.map(show).join(', ')}`;
  return settingRefusal(node, setting as keyof typeof SETTING_SCOPES);
}

function checkAdversary(node: LoadedNode, command: Record<string, unknown>, loaded: LoadedScenario): string | null {
  const role = roleProblem(node, ['adversary'], 'only an adversary makes attacks (Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5)');
  if (role !== null) return role;
  if (!isRecord(command.action)) return 'the adversary command has no action';
  const parsed = adversaryActionSchema.safeParse({ ...command.action, atS: 0 });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length === 0 ? 'action' : `action.${issue.path.join('.')}`;
    return `${path}: ${issue.message}`;
  }
  const target = findNode(loaded, parsed.data.to);
  return typeof target === 'string' ? `the attack's target: ${target}` : null;
}

/** Null if `command` can be applied to a run of `loaded`; otherwise one sentence saying what is wrong. */
export function validateLabCommand(command: LabCommand, loaded: LoadedScenario): string | null {
  const c: unknown = command;
  if (!isRecord(c)) return 'a command must be an object';
  if (c.type === 'set-link') return checkLink(c, loaded);
  const known = ['move', 'configure', 'start-flow', 'stop-flow', 'adversary'];
  if (!known.includes(c.type as string)) return `unknown command type ${show(c.type)} (commands: ${list(['set-link', ...known])})`;
  const node = findNode(loaded, c.node);
  if (typeof node === 'string') return node;
  switch (c.type) {
    case 'move': {
      const p = c.position;
      if (!isRecord(p) || !isFiniteNumber(p.x) || !isFiniteNumber(p.y)) return `move "${node.id}": position ${show(p)} is not a point with finite x and y`;
      return null;
    }
    case 'configure':
      return checkConfigure(node, c);
    case 'start-flow':
      return roleProblem(node, FLOW_ROLES, 'only mobile nodes and correspondents send traffic flows') ?? flowProblem(c.flow);
    case 'stop-flow':
      if (typeof c.flow !== 'string' || c.flow === '') return 'stop-flow needs the id of the flow to stop';
      return roleProblem(node, FLOW_ROLES, 'only mobile nodes and correspondents send traffic flows');
    default:
      return checkAdversary(node, c, loaded);
  }
}

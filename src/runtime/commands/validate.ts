// Checking a learner's command against the scenario it is sent to (docs/architecture.md "Runtime")
// before it reaches the engine: a command from the UI, or from a shared run's
// command log (untrusted JSON), either applies cleanly or is refused with one
// specific sentence — never a thrown stack inside a worker.

import { MIN_LINK_DELAY } from '../../engine/network/link-change';
import { isIpv4Address } from '../../engine/wire/address';
import { broadcastAddresses, destinationProblem } from '../../scenarios/destinations';
import { show as showValue } from '../../scenarios/issues';
import { controlCharacterIn, LIMITS } from '../../scenarios/limits';
import { adversaryActionSchema } from '../../scenarios/adversary-action-schema';
import type { LoadedNode, LoadedScenario } from '../../scenarios/to-topology';
import { WORK_BUDGET } from '../../scenarios/work';
import type { LabCommand } from '../types';
import { ROLE_NAMES, SETTING_SCOPES, settingRefusal } from './setting-roles';
import { commandEvents, scenarioCost } from './work';

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
/** Short, whatever the value: a command log is untrusted JSON, and may nest a million deep. */
const show = (v: unknown): string => showValue(v);

/** The broadcast addresses of a scenario's links, computed once per scenario (a log may hold many start-flows). */
const broadcastsOf = new WeakMap<LoadedScenario, ReturnType<typeof broadcastAddresses>>();

function findNode(loaded: LoadedScenario, id: unknown): LoadedNode | string {
  if (typeof id !== 'string' || id === '') return 'the command names no node';
  return loaded.nodes.find((n) => n.id === id) ?? `unknown node ${show(id)} (this scenario's nodes are ${list(loaded.nodes.map((n) => n.id))})`;
}

function flowProblem(flow: unknown, loaded: LoadedScenario): string | null {
  if (!isRecord(flow)) return 'the flow is missing';
  if (typeof flow.id !== 'string' || flow.id === '') return 'the flow needs an id';
  if (flow.id.length > LIMITS.maxIdLength) return `the flow's id is longer than ${LIMITS.maxIdLength} characters`;
  const control = controlCharacterIn(flow.id);
  if (control !== undefined) return `the flow's id ${show(flow.id)} contains the control character ${control}; an id is printable text`;
  const where = `flow ${show(flow.id)}`;
  if (typeof flow.destination !== 'string' || !isIpv4Address(flow.destination)) return `${where}: destination ${show(flow.destination)} is not an IPv4 address`;
  if (!broadcastsOf.has(loaded)) broadcastsOf.set(loaded, broadcastAddresses(loaded.topology));
  const destination = destinationProblem(flow.destination, broadcastsOf.get(loaded)!);
  if (destination !== undefined) return `${where}: ${destination}`;
  if (flow.source !== undefined && (typeof flow.source !== 'string' || !isIpv4Address(flow.source))) return `${where}: source ${show(flow.source)} is not an IPv4 address`;
  if (flow.ttl !== undefined && (!Number.isInteger(flow.ttl) || (flow.ttl as number) < 1 || (flow.ttl as number) > 255)) return `${where}: ttl ${show(flow.ttl)} is not 1–255`;
  for (const port of ['sourcePort', 'destinationPort'] as const) {
    const p = flow[port];
    if (!Number.isInteger(p) || (p as number) < 1 || (p as number) > 65535) return `${where}: ${port} ${show(p)} is not a port (1–65535)`;
  }
  if (!Number.isSafeInteger(flow.start) || (flow.start as number) < 0) return `${where}: start ${show(flow.start)} is not a time in whole µs ≥ 0`;
  // The scenario format's bounds (FORMAT.md "Limits"), in µs: at most 1000 datagrams a second.
  const minInterval = LIMITS.minFlowIntervalMs * 1000;
  if (!Number.isSafeInteger(flow.interval) || (flow.interval as number) < minInterval) return `${where}: interval ${show(flow.interval)} is not a duration of at least ${minInterval} µs in whole µs (at most 1000 datagrams a second)`;
  if (!Number.isSafeInteger(flow.count) || (flow.count as number) < 1 || (flow.count as number) > LIMITS.maxFlowCount) return `${where}: count ${show(flow.count)} is not a whole number from 1 to ${LIMITS.maxFlowCount}`;
  if (!Number.isInteger(flow.payloadOctets) || (flow.payloadOctets as number) < 0 || (flow.payloadOctets as number) > 1400) return `${where}: payloadOctets ${show(flow.payloadOctets)} is not 0–1400`;
  return null;
}

/** A flow whose datagrams alone would put the run over its budget (scenarios/work.ts) is refused before it starts. */
function flowWorkProblem(command: LabCommand, loaded: LoadedScenario): string | null {
  if (command.type !== 'start-flow') return null;
  const events = commandEvents(command, loaded, command.flow.start); // the time it is sent is not known here: counted from its start
  const base = scenarioCost(loaded).events;
  if (base + events <= WORK_BUDGET) return null;
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `flow ${show(command.flow.id)}: it would add about ${n(events)} events of work to the scenario's ${n(base)}, more than the ${n(WORK_BUDGET)} a run may take; give it a longer interval or a smaller count`;
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
    const maxDelay = LIMITS.maxDelayMs * 1000; // the scenario format's bound (FORMAT.md "Limits")
    if (command.delay > maxDelay) return `link "${command.link}": delay ${command.delay} µs is more than a link may delay (${maxDelay} µs, a minute)`;
  }
  if (command.loss !== undefined && (!isFiniteNumber(command.loss) || command.loss < 0 || command.loss > 1)) return `link "${command.link}": loss ${show(command.loss)} is not a probability in [0, 1]`;
  return null;
}

function checkConfigure(node: LoadedNode, command: Record<string, unknown>): string | null {
  const setting = command.setting;
  // An own key only: "toString" is a setting name like any other typo, not Object.prototype's.
  if (typeof setting !== 'string' || !Object.hasOwn(SETTING_SCOPES, setting)) return `unknown setting ${show(setting)} (settings: ${list(Object.keys(SETTING_SCOPES))})`;
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
  if (typeof target === 'string') return `the attack's target: ${target}`;
  if (parsed.data.kind !== 'spoof-binding-request') return null;
  const victim = findNode(loaded, parsed.data.as);
  return typeof victim === 'string' ? `the node the request pretends to come from: ${victim}` : null;
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
      const far = LIMITS.maxCoordinate; // as in a scenario file: off any canvas, a node is nowhere a learner can see
      if (Math.abs(p.x) > far || Math.abs(p.y) > far) return `move "${node.id}": position ${show(p)} is off the canvas (x and y within ±${far})`;
      return null;
    }
    case 'configure':
      return checkConfigure(node, c);
    case 'start-flow':
      return roleProblem(node, FLOW_ROLES, 'only mobile nodes and correspondents send traffic flows') ?? flowProblem(c.flow, loaded) ?? flowWorkProblem(command, loaded);
    case 'stop-flow':
      if (typeof c.flow !== 'string' || c.flow === '') return 'stop-flow needs the id of the flow to stop';
      return roleProblem(node, FLOW_ROLES, 'only mobile nodes and correspondents send traffic flows');
    default:
      return checkAdversary(node, c, loaded);
  }
}

import { readFile } from 'node:fs/promises';
import { RunMetricsAccumulator, type RunMetrics } from '../../engine/metrics/run-metrics';
import type { Simulation } from '../../engine/network/simulation';
import { HEADLESS_TRACE_RETENTION, type TraceRetention } from '../../engine/network/trace-window';
import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../scenarios/builtin/index';
import { buildSimulation } from '../../scenarios/load';
import { metricsSubjects } from '../../scenarios/metrics-subjects';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import { toLoadedScenario, type LoadedScenario } from '../../scenarios/to-topology';
import { parseScenario, parseScenarioText } from '../../scenarios/validate';
import { untilProblem, UNTIL_WORK_LIMIT, WORK_LIMIT, WorkMeter } from '../../scenarios/work';
import { CliError, type Command } from '../io';
import { CaptureStream, traceJsonLine } from './run-capture';
import { OutputFile } from './output-file';
import { formatRunReport } from './run-report';
import { checkCommandLog, readCommandLogFile, runUntilWithCommands } from './run-commands';
import type { CommandLogEntry } from '../../runtime/types';

export interface HeadlessRun {
  readonly simulation: Simulation;
  /** The events kept: a window of the most recent ones (HEADLESS_TRACE_RETENTION), or all with `retain: 'all'`. */
  readonly trace: readonly TraceEvent[];
  /** Computed from every event as it was recorded, whatever was kept. */
  readonly metrics: RunMetrics;
  readonly seed: number;
  readonly until: Micros;
}

export interface HeadlessOptions {
  readonly seed?: number;
  readonly until?: Micros;
  /** What the run keeps of its trace (default HEADLESS_TRACE_RETENTION: a window of recent events). */
  readonly retain?: TraceRetention | 'all';
  /** Sees every event as it is recorded: for consumers of the whole run (a trace or pcap file). */
  readonly onTrace?: (event: TraceEvent) => void;
  /** Events after which the run is stopped with WorkLimitExceeded (default WORK_LIMIT, src/scenarios/work.ts). */
  readonly workLimit?: number;
  /** Learner commands, applied as the page applies them (run-commands.ts); checked by checkCommandLog first. */
  readonly commandLog?: readonly CommandLogEntry[];
}

/**
 * Runs a scenario with the real protocol behaviours, unpaced, to `until`
 * (default: its duration). The metrics, and `onTrace`, take the events as a
 * stream, so memory does not grow with the run's length: only a window of
 * the trace is kept (docs/architecture.md "Engine": anything older can be
 * re-derived by running again).
 */
export function runHeadless(loaded: LoadedScenario, options: HeadlessOptions = {}): HeadlessRun {
  const seed = options.seed ?? loaded.seed;
  const until = options.until ?? loaded.duration;
  const simulation = buildSimulation(loaded, PROTOCOL_REGISTRY, seed);
  const retain = options.retain ?? HEADLESS_TRACE_RETENTION;
  if (retain !== 'all') simulation.retainTrace(retain);
  const { homeAgents, mobiles } = metricsSubjects(loaded);
  const metrics = new RunMetricsAccumulator(homeAgents, mobiles);
  simulation.onTrace((e) => metrics.add(e));
  // Stops a run that outgrows its estimate (work.ts); a run past the scenario's end was asked for by --until.
  const meter = new WorkMeter(0, options.workLimit ?? (until > loaded.duration ? UNTIL_WORK_LIMIT : WORK_LIMIT));
  simulation.onTrace((e) => meter.charge(1, e.time));
  if (options.onTrace !== undefined) simulation.onTrace(options.onTrace);
  runUntilWithCommands(simulation, loaded, options.commandLog ?? [], until);
  return { simulation, trace: simulation.trace, metrics: metrics.result(), seed, until };
}

const UNITS: Readonly<Record<string, number>> = { us: 1, µs: 1, ms: 1000, s: 1_000_000, min: 60_000_000 };

/** "30s", "500ms", "1.5 s", "250us", "2min"; a bare number is seconds. Whole microseconds. */
export function parseDuration(text: string): Micros | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|min)?\s*$/.exec(text);
  if (m === null) return undefined;
  const micros = Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!);
  return micros > 0 && Number.isSafeInteger(micros) ? micros : undefined;
}

/** A built-in id or a path to a scenario file; validation problems become one CliError listing them all. */
export async function loadScenarioArgument(arg: string): Promise<{ loaded: LoadedScenario; name: string }> {
  const builtin = builtinScenario(arg);
  if (builtin !== undefined) {
    const parsed = parseScenario(builtin.data);
    if (!parsed.ok) throw new CliError(`built-in scenario ${arg} is invalid:\n  ${parsed.errors.join('\n  ')}`);
    return { loaded: toLoadedScenario(parsed.scenario), name: arg };
  }
  let text: string;
  try {
    text = await readFile(arg, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliError(`no built-in scenario "${arg}", and cannot read it as a file (${code}); 'mip-lab scenarios' lists the built-ins`);
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new CliError(`${arg} is not a valid scenario (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}):\n  ${parsed.errors.join('\n  ')}`);
  return { loaded: toLoadedScenario(parsed.scenario), name: arg };
}

interface RunArgs {
  scenario?: string;
  seed?: number;
  until?: Micros;
  pcap?: string;
  trace?: string;
  commands?: string;
}

function parseArgs(args: readonly string[]): RunArgs {
  const out: RunArgs = {};
  const value = (i: number, option: string): string => {
    const v = args[i];
    if (v === undefined) throw new CliError(`${option} needs a value; see 'mip-lab run --help'`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--seed') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new CliError(`--seed takes a whole number from 0 to 4294967295, not ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
      out.seed = Number(v);
    } else if (a === '--until') {
      const v = value(++i, '--until');
      const t = parseDuration(v);
      if (t === undefined) throw new CliError(`--until takes a positive virtual time such as 30s, 500ms or 250us, not ${JSON.stringify(v)}`);
      out.until = t;
    } else if (a === '--pcap') out.pcap = value(++i, '--pcap');
    else if (a === '--trace') out.trace = value(++i, '--trace');
    else if (a === '--commands') out.commands = value(++i, '--commands');
    else if (a.startsWith('--')) throw new CliError(`unknown option ${a}; see 'mip-lab run --help'`);
    else if (out.scenario !== undefined) throw new CliError(`give one scenario, not ${JSON.stringify(out.scenario)} and ${JSON.stringify(a)}`);
    else out.scenario = a;
  }
  return out;
}

// `mip-lab run <scenario>`: a whole scenario, headless, with the real protocol; metrics as a table.
export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario headless and print per-flow metrics, tunnelling load and control overhead',
  usage: 'mip-lab run <scenario-id|file.json> [--seed N] [--until TIME] [--pcap out.pcapng] [--trace out.jsonl] [--commands log.json]',
  help: [
    'Usage: mip-lab run <scenario-id|file.json> [--seed N] [--until TIME] [--pcap out.pcapng] [--trace out.jsonl] [--commands log.json]',
    '',
    'Runs a scenario — a built-in (see `mip-lab scenarios`) or your own file in the',
    'route-optimization-lab/scenario@1 format (src/scenarios/FORMAT.md) — with the real',
    'protocol behaviours on virtual time, as fast as the machine goes, and prints:',
    '  - per traffic flow and over all flows: datagrams sent, delivered, lost (and why),',
    '    duplicated, mean path hops (link transmissions), mean and worst latency, how many',
    '    travelled in a tunnel, how many a home agent tunnelled, and the octets tunnels add;',
    '  - per home agent: packets and octets it tunnelled;',
    '  - control overhead: Mobile IP, Route Optimization and agent discovery messages,',
    '    transmissions and octets by message;',
    '  - per handoff: the datagrams lost between the move and the first delivery after it.',
    '',
    'A scenario file that is not valid is refused with every problem as <path>: <reason>.',
    '',
    'Options:',
    '  --seed N          seed of the run (default: the scenario\'s); same seed, same trace',
    '  --until TIME      stop at this virtual time instead of the scenario\'s duration,',
    '                    e.g. 30s, 500ms, 250us, 2min (a bare number is seconds);',
    '                    at most 86400 s, and a run whose estimated work is too',
    '                    large is refused (FORMAT.md "Limits")',
    '  --pcap FILE       write every link transmission to a pcapng file, one interface',
    '                    per link, each packet commented with its summary',
    '  --trace FILE      write the trace as JSON lines, packet bytes as hex',
    '  --commands FILE   apply a command log as the page does: a JSON list of',
    '                    { at (µs), command } entries, or an object with one under',
    '                    "commands" — the same run, and the same pcap, as the page\'s',
    '',
    'Examples:',
    '  mip-lab run route-optimization',
    '  mip-lab run my-lab.json --seed 7 --until 10s --pcap run.pcapng --trace run.jsonl',
  ].join('\n'),
  async run(args, io) {
    const a = parseArgs(args);
    if (a.scenario === undefined) throw new CliError(`give a scenario: a built-in id (${BUILTIN_SCENARIOS[0]!.id}, … — see 'mip-lab scenarios') or a .json file`);
    const { loaded } = await loadScenarioArgument(a.scenario);
    const commandLog = a.commands === undefined ? undefined : checkCommandLog(loaded, await readCommandLogFile(a.commands), a.until ?? loaded.duration, a.commands);
    const tooLong = a.until === undefined ? null : untilProblem(loaded, a.until);
    if (tooLong !== null) throw new CliError(tooLong);
    // The files are written as the run goes (streaming consumers), so a long run does not hold its trace.
    const pcap = a.pcap === undefined ? undefined : OutputFile.open(a.pcap);
    let traceFile: OutputFile | undefined;
    try {
      traceFile = a.trace === undefined ? undefined : OutputFile.open(a.trace);
    } catch (e) {
      pcap?.close();
      throw e;
    }
    const capture = pcap === undefined ? undefined : new CaptureStream(loaded.topology, loaded.profile, (bytes) => pcap.write(bytes));
    let traced = 0;
    const onTrace = (e: TraceEvent): void => {
      capture?.add(e);
      if (traceFile !== undefined) {
        traceFile.write(traceJsonLine(e));
        traced++;
      }
    };
    let r: HeadlessRun;
    try {
      r = runHeadless(loaded, { ...(a.seed === undefined ? {} : { seed: a.seed }), ...(a.until === undefined ? {} : { until: a.until }), ...(commandLog === undefined ? {} : { commandLog }), ...(pcap === undefined && traceFile === undefined ? {} : { onTrace }) });
    } finally {
      pcap?.close();
      traceFile?.close();
    }
    const notes: string[] = [];
    if (capture !== undefined) notes.push(`wrote ${capture.packets} packets on ${capture.links} links to ${a.pcap}`);
    if (traceFile !== undefined) notes.push(`wrote ${traced} trace events to ${a.trace}`);
    io.stdout.write(formatRunReport(loaded.title, r.seed, r.until, r.metrics));
    if (notes.length > 0) io.stdout.write(`\n${notes.join('\n')}\n`);
    return 0;
  },
};

// Opening the run a page address names (run-address.ts): the scenario with
// the link's seed and mode, the commands the validator accepts (each one it
// refuses is named: its number in the link, its time, the reason), replayed to
// the link's virtual time at its speed — paused there unless the link says it
// was playing. A damaged link opens a working lab and says what was wrong
// (docs/architecture.md "Runtime": deterministic, shareable runs).

import { isBuiltinId } from '../../../scenarios/builtin/catalog';
import { loadValidatedBuiltin } from '../../../scenarios/builtin/validated';
import { toLoadedScenario, type LoadedScenario } from '../../../scenarios/to-topology';
import { useLab } from '../../store/lab-store';
import { loadValidator, openLoadedRun, openScenarioTextRun, prestartBuiltinWorkers, type OpenOptions } from '../open-scenario';
import { withKnownScenario } from '../run-link';
import { suspendAddressWriter } from './address-writer';
import { stashedFile } from './file-stash';
import type { LinkRun, RunAddress } from './run-address';
import { pageWasReloaded, showRunNotice } from './run-notice';
import { refusedText, splitCommandLog } from './split-command-log';

/** Adds to, not in place of, a problem opening the scenario itself may have reported. */
function report(problems: readonly string[]): void {
  if (problems.length === 0) return;
  const { loadError, setLoadError } = useLab.getState();
  const unused = `Parts of the link were not used:\n${problems.map((p) => `  • ${p}`).join('\n')}`;
  setLoadError(loadError === null ? unused : `${loadError}\n${unused}`);
}

/** What the address asks to open: its scenario (loaded, to check the log against) and how to start it. */
interface Target {
  readonly loaded: LoadedScenario;
  readonly open: (options: OpenOptions) => Promise<boolean>;
  /** The link's run applies to it (not to a fallback opened instead). */
  readonly run?: LinkRun;
}

/** The learner's own file this tab kept, or why it cannot be opened (then the fallback opens). */
async function fileTarget(name: string, run: LinkRun | undefined): Promise<Target | string> {
  const text = stashedFile(name);
  if (text === null) return `the scenario file "${name}" is kept only in the browser tab that opened it; open it again with "Open scenario file…"`;
  const validator = await loadValidator();
  if (validator === null) return `the scenario file "${name}" kept in this tab could not be checked`;
  const parsed = validator.parseScenarioText(text);
  if (!parsed.ok) return `the scenario file "${name}" kept in this tab no longer validates; open it again with "Open scenario file…"`;
  return { loaded: toLoadedScenario(parsed.scenario), open: (o) => openScenarioTextRun(text, name, o), ...(run === undefined ? {} : { run }) };
}

function builtinTarget(id: string, run: LinkRun | undefined): Target {
  prestartBuiltinWorkers(id); // they load while the run is set up, once, here
  const loaded = loadValidatedBuiltin(id);
  if (loaded === undefined) throw new Error(`no built-in scenario "${id}"`); // withKnownScenario let only built-ins through
  return { loaded, open: (o) => openLoadedRun(loaded, id, o), ...(run === undefined ? {} : { run }) };
}

export async function openRunFromAddress(address: RunAddress, fallback: string): Promise<void> {
  const resume = suspendAddressWriter();
  try {
    const known = withKnownScenario({ link: address.link, problems: [...address.problems] }, isBuiltinId, fallback);
    const { link } = known;
    const problems = [...known.problems];
    let target: Target;
    let seed = link.seed;
    if (address.file !== undefined && address.link.scenario === undefined) {
      const file = await fileTarget(address.file, address.run);
      if (typeof file === 'string') {
        problems.push(`${file}; "${fallback}" is opened instead`);
        seed = undefined; // the file's seed, not the fallback's
      }
      target = typeof file === 'string' ? builtinTarget(fallback, undefined) : file;
    } else {
      const id = link.scenario ?? fallback;
      // An unknown scenario's log belongs to it, not to the fallback.
      target = builtinTarget(id, id === address.link.scenario ? address.run : undefined);
    }
    const { run } = target;
    const split = run === undefined ? undefined : splitCommandLog(run.entries, run.unreadable, target.loaded);
    if (split !== undefined) {
      problems.push(...split.refused.map(refusedText));
      if (split.tooMuch !== undefined) problems.push(`the link's commands were left out, all of them: ${split.tooMuch}`);
    }
    const base = { ...(seed === undefined ? {} : { seed }), ...(link.mode === undefined ? {} : { mode: link.mode }), ...(run?.speed === undefined ? {} : { speed: run.speed }) };
    let commands = split?.accepted ?? [];
    let opened = await target.open(commands.length === 0 ? base : { ...base, commands });
    if (!opened && commands.length > 0) {
      // The runtime refused the log as a whole after all: the scenario, without it, is still worth opening.
      problems.push(`the link's commands could not be replayed (${useLab.getState().loadError ?? 'the runtime refused them'}); the scenario opened from its start without them`);
      useLab.getState().setLoadError(null);
      commands = [];
      opened = await target.open(base);
    }
    const runtime = useLab.getState().runtime;
    if (opened && runtime !== null && run !== undefined) {
      const at = Math.min(run.at ?? 0, runtime.scenario.duration);
      if (at > 0) await runtime.seek(at);
      if (run.playing === true) runtime.start();
      const actions = commands.filter((c) => c.at <= at).length;
      // Nothing to say of a run at its very start with nothing done in it.
      if (at > 0 || actions > 0 || run.playing === true) showRunNotice({ runtime, kind: pageWasReloaded() ? 'restored' : 'shared', title: runtime.scenario.title, at, actions, playing: run.playing === true });
    }
    report(problems);
  } finally {
    resume();
  }
}

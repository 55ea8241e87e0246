// The compare page (#/compare, docs/architecture.md "UI"): one scenario run twice with
// the same seed, the two runs differing in one setting the learner picks
// (compare-settings.ts), drawn side by side — each canvas and route banner
// from its own store — under one set of playback controls, with their
// figures compared beneath. The address holds the comparison (compare-link.ts),
// so it can be shared; a part it cannot open is named, and the nearest
// comparison that can be opened is shown instead.

import './compare.css';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { BUILTIN_SCENARIOS, loadBuiltin } from '../../scenarios/builtin/index';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { CitedText } from '../references/CitedText';
import { useLab } from '../store/lab-store';
import { LabStoreContext } from '../store/lab-store-context';
import { compareHash, FALLBACK_SCENARIO, parseCompareHash, resolveComparison, scenarioProblem, type ResolvedComparison } from './compare-link';
import { CompareControls } from './CompareControls';
import { CompareSession } from './compare-session';
import { applicableSettings, compareSetting } from './compare-settings';
import { CompareTable } from './CompareTable';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

interface Opened {
  readonly loaded: LoadedScenario;
  /** The built-in's id, or the lab's own scenario (a learner's file) under the lab's name for it. */
  readonly id: string;
  readonly builtin: boolean;
}

/** The named built-in; else the scenario open in the lab; else the fallback. */
function openScenario(named: string | undefined): Opened {
  if (named !== undefined && scenarioProblem(named) === null) return { loaded: loadBuiltin(named), id: named, builtin: true };
  const lab = useLab.getState();
  if (named === undefined && lab.scenario !== null && lab.scenarioId !== null) {
    const builtin = BUILTIN_SCENARIOS.some((s) => s.id === lab.scenarioId);
    return { loaded: builtin ? loadBuiltin(lab.scenarioId) : lab.scenario, id: lab.scenarioId, builtin };
  }
  return { loaded: loadBuiltin(FALLBACK_SCENARIO), id: FALLBACK_SCENARIO, builtin: true };
}

export function ComparePage() {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const request = useMemo(() => parseCompareHash(hash) ?? {}, [hash]);
  const opened = useMemo(() => openScenario(request.scenario), [request.scenario]);
  const { comparison, problems } = useMemo(() => resolveComparison(opened.loaded, request), [opened, request]);
  const allProblems = [...(scenarioProblem(request.scenario) === null ? [] : [scenarioProblem(request.scenario)!]), ...problems];

  // The lab's own run waits, paused, while the learner compares.
  useEffect(() => useLab.getState().runtime?.pause(), []);

  const go = (change: Partial<{ scenario: string; setting: string; left: string; right: string }>): void => {
    const setting = change.setting ?? comparison?.choice.id ?? '';
    const choice = compareSetting(setting);
    const fresh = change.setting !== undefined && choice !== undefined;
    window.location.hash = compareHash({
      ...(change.scenario !== undefined ? { scenario: change.scenario } : opened.builtin ? { scenario: opened.id } : {}),
      setting,
      left: change.left ?? (fresh ? choice.defaults[0] : comparison?.left.id ?? ''),
      right: change.right ?? (fresh ? choice.defaults[1] : comparison?.right.id ?? ''),
      ...(comparison !== null && comparison.seed !== opened.loaded.seed ? { seed: comparison.seed } : {}),
    });
  };

  return (
    <div className="app compare-page">
      <header className="app-header">
        <h1>Route Optimization Lab — compare two runs</h1>
        <p className="tagline">
          One scenario, the same seed, run twice: the two runs differ in one setting. Every move you make goes to both. <a href="#/">Back to the lab</a>
        </p>
      </header>
      <main>
        {allProblems.length === 0 ? null : (
          <div role="alert" className="compare-problems">
            <p>This comparison link could not be opened as it is:</p>
            <ul>{allProblems.map((p) => <li key={p}>{p}</li>)}</ul>
            <p>Shown instead: the comparison below.</p>
          </div>
        )}
        <form className="compare-picker" onSubmit={(e) => e.preventDefault()}>
          <label>
            Scenario{' '}
            <select value={opened.builtin ? opened.id : ''} onChange={(e) => go({ scenario: e.target.value, setting: applicableSettings(loadBuiltin(e.target.value))[0]?.id ?? '' })}>
              {opened.builtin ? null : <option value="">{opened.loaded.title} (your file)</option>}
              {BUILTIN_SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
            </select>
          </label>
          {comparison === null ? null : (
            <ComparisonPicker comparison={comparison} loaded={opened.loaded} onChange={go} />
          )}
        </form>
        {comparison === null ? null : <ComparisonView key={`${opened.id}|${comparison.choice.id}|${comparison.left.id}|${comparison.right.id}|${comparison.seed}`} opened={opened} comparison={comparison} />}
      </main>
    </div>
  );
}

function ComparisonPicker({ comparison, loaded, onChange }: { readonly comparison: ResolvedComparison; readonly loaded: LoadedScenario; readonly onChange: (c: { setting?: string; left?: string; right?: string }) => void }) {
  const { choice } = comparison;
  return (
    <>
      <label>
        Setting{' '}
        <select value={choice.id} onChange={(e) => onChange({ setting: e.target.value })}>
          {applicableSettings(loaded).map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </label>
      {(['left', 'right'] as const).map((side) => (
        <label key={side}>
          {side === 'left' ? 'Left' : 'Right'}{' '}
          <select value={comparison[side].id} onChange={(e) => onChange({ [side]: e.target.value })}>
            {choice.values.map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
          </select>
        </label>
      ))}
      <span className="compare-cites">{choice.title}: <CitedText text={choice.cites} /></span>
    </>
  );
}

function ComparisonView({ opened, comparison }: { readonly opened: Opened; readonly comparison: ResolvedComparison }) {
  const [session, setSession] = useState<CompareSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Two runtimes are an external system: started here, stopped by the cleanup (also on React's test double mount).
    let s: CompareSession | null = null;
    let cancelled = false;
    const failed = (e: unknown): void => setError(e instanceof Error ? e.message : String(e));
    void Promise.resolve().then(() => {
      if (cancelled) return;
      try {
        s = new CompareSession(opened.loaded, opened.id, comparison);
      } catch (e) {
        failed(e);
        return;
      }
      setSession(s);
      s.ready.catch(failed);
    });
    return () => {
      cancelled = true;
      s?.destroy();
    };
  }, [opened, comparison]);

  const leftText = comparison.choice.describe(comparison.left);
  const rightText = comparison.choice.describe(comparison.right);
  if (error !== null) return <p role="alert" className="compare-problems">The runs could not start: {error}</p>;
  if (session === null) return <p role="status">Starting both runs…</p>;
  return (
    <>
      <p className="compare-sides" data-testid="compare-sides">
        <strong>Left:</strong> {leftText} — <strong>Right:</strong> {rightText}
        {comparison.left.id === comparison.right.id ? ' (both sides are the same: pick another value for one of them)' : ''}
      </p>
      <CompareControls session={session} />
      <div className="compare-canvases">
        {session.sides.map((side) => (
          <section key={side.name} className="compare-side" aria-label={`${side.name === 'left' ? 'Left' : 'Right'}: ${side.name === 'left' ? leftText : rightText}`} data-side={side.name}>
            <h2>{side.name === 'left' ? 'Left' : 'Right'}: {side.name === 'left' ? leftText : rightText}</h2>
            <div className="compare-canvas-box">
              <LabStoreContext.Provider value={side.store}>
                <NetworkCanvas flowId={`compare-${side.name}`} />
              </LabStoreContext.Provider>
            </div>
          </section>
        ))}
      </div>
      <CompareTable session={session} leftText={leftText} rightText={rightText} />
    </>
  );
}

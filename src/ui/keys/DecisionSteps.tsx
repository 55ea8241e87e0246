import type { DecisionStep, NoKeyReason } from '../../engine/protocol/keys';

// One side's walk through its §14 algorithm (route-optimization.md §14.1 MN,
// §14.2 FA, §14.3 HA, §14.4 on the Reply): every test in order, with the
// branch it took — in words, not only in colour — and the section it follows.

export function DecisionSteps({ title, refText, steps, noKey, empty }: {
  readonly title: string;
  readonly refText: string;
  readonly steps: readonly DecisionStep[];
  readonly noKey?: NoKeyReason | null;
  readonly empty: string;
}) {
  return (
    <section className="key-side" aria-label={title}>
      <h3>{title} <span className="key-ref">{refText}</span></h3>
      {steps.length === 0 ? <p className="key-empty">{empty}</p> : (
        <ol className="key-steps">
          {steps.map((s, i) => (
            <li key={i} className={s.branch === 'taken' ? 'key-step-taken' : 'key-step-skipped'}>
              <span className="key-branch">{s.branch === 'taken' ? 'taken' : 'not taken'}</span>{' '}
              {s.step} <span className="key-ref">({s.ref})</span>
            </li>
          ))}
        </ol>
      )}
      {noKey === null || noKey === undefined ? null : <p className="key-nokey">No key: {noKey.detail} ({noKey.ref})</p>}
    </section>
  );
}

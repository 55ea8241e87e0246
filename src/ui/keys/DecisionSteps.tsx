import type { DecisionStep, NoKeyReason } from '../../engine/protocol/keys';
import { CitedText } from '../references/CitedText';

// One side's walk through its Perkins & Johnson §9; regkey-00 §3 algorithm (Perkins & Johnson §3.6; optim-08 §4.6 MN,
// §9.2 FA, §9.3 HA, Perkins & Johnson §9.1, §9.2 on the Reply): every test in order, with the
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
      <h3>{title} <span className="key-ref"><CitedText text={refText} /></span></h3>
      {steps.length === 0 ? <p className="key-empty">{empty}</p> : (
        <ol className="key-steps">
          {steps.map((s, i) => (
            <li key={i} className={s.branch === 'taken' ? 'key-step-taken' : 'key-step-skipped'}>
              <span className="key-branch">{s.branch === 'taken' ? 'taken' : 'not taken'}</span>{' '}
              {s.step} <span className="key-ref">(<CitedText text={s.ref} />)</span>
            </li>
          ))}
        </ol>
      )}
      {noKey === null || noKey === undefined ? null : <p className="key-nokey">No key: {noKey.detail} (<CitedText text={noKey.ref} />)</p>}
    </section>
  );
}

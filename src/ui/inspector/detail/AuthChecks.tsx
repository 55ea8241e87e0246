import { memo } from 'react';
import type { MipProfile } from '../../../engine/wire/mip/profile';
import type { FieldPath } from '../field-path';
import { seconds6 } from '../format';
import type { AuthCheck, Recomputed, TraceVerdict } from './auth-checks';
import { CitedText } from '../../references/CitedText';

interface Props {
  readonly checks: readonly AuthCheck[];
  readonly profile: MipProfile;
  /** Index of the check whose covered bytes are highlighted, or null. */
  readonly shownCoverage: number | null;
  readonly onShowCoverage: (index: number | null) => void;
  readonly onSelectField: (path: FieldPath) => void;
}

const COVERS: Readonly<Record<MipProfile, string>> = {
  ro98: 'the message, every earlier extension and this extension’s Type and Length — not its SPI (RFC 2002 §3.5.1; lab choice)',
  rfc3344: 'the message, every earlier extension and this extension’s Type, Length and SPI (RFC 3344 §3.5.1; RFC 2002 §3.5.1; lab choice)',
};

// Each authentication extension: the bytes its authenticator protects, the
// receiving node's own verdict (from its trace), and the lab's recomputation
// where the scenario states the key. The node's verdict is the one shown as
// the outcome: it is what the protocol actually did.
export const AuthChecks = memo(function AuthChecks({ checks, profile, shownCoverage, onShowCoverage, onSelectField }: Props) {
  return (
    <section className="auth-checks" aria-label="Authentication">
      <h3>Authentication</h3>
      {checks.map((c) => {
        const differ = c.verdict !== null && (c.recomputed.status === 'match' || c.recomputed.status === 'mismatch') && c.verdict.verified !== (c.recomputed.status === 'match');
        return (
          <div key={c.index} className="auth-check" role="group" aria-label={`${c.name}, SPI ${c.spi}`}>
            <p>
              <strong>{c.name}</strong> (type {c.type}), SPI {c.spi}: the authenticator (bytes {c.authenticator.start}–{c.authenticator.end - 1}) covers
              bytes {c.covered.start}–{c.covered.end - 1} of the packet: {COVERS[profile]}.{' '}
              <button type="button" aria-pressed={shownCoverage === c.index} onClick={() => onShowCoverage(shownCoverage === c.index ? null : c.index)}>
                Highlight covered bytes
              </button>{' '}
              {c.path !== undefined ? <button type="button" onClick={() => onSelectField(c.path!)}>Show the extension</button> : null}
            </p>
            <Verdict verdict={c.verdict} />
            <RecomputedLine r={c.recomputed} />
            {differ ? (
              <p className="auth-differ" role="note">
                The node’s verdict and the lab’s recomputation differ. The verdict above is the node’s own — what it actually did;
                the recomputation uses the key written in the scenario, which the node may not have used.
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
});

function Verdict({ verdict }: { verdict: TraceVerdict | null }) {
  if (verdict === null) {
    return <p className="auth-verdict none">Receiver’s verdict: none recorded — no receiving node has traced a check of this authenticator (yet).</p>;
  }
  const e = verdict.event;
  return (
    <p className={`auth-verdict ${verdict.verified ? 'ok' : 'failed'}`}>
      Receiver’s verdict: <strong>{verdict.verified ? `✔ verified by ${e.node}` : `✘ failed at ${e.node}`}</strong> at {seconds6(e.time)} s — {e.summary}
      {e.reason ? <>: {e.reason}</> : null} <span className="ref">[<CitedText text={e.ref} />]</span>
    </p>
  );
}

function RecomputedLine({ r }: { r: Recomputed }) {
  switch (r.status) {
    case 'match':
    case 'mismatch':
      return (
        <p className={`auth-recomputed ${r.status}`}>
          Recomputed by the lab with {r.association}: <strong>{r.status === 'match' ? 'matches' : 'does not match'}</strong> <span className="ref">[<CitedText text={r.ref} />]</span>
        </p>
      );
    case 'unknown-key':
      return <p className="auth-recomputed unknown">Not recomputed: {r.why}.</p>;
    case 'error':
      return <p className="auth-recomputed error">Not recomputed — the extension is malformed: {r.why}.</p>;
  }
}

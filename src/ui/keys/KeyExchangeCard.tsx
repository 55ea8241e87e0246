import { timeText } from '../controls/time-text';
import { useLab } from '../store/lab-store';
import { DecisionSteps } from './DecisionSteps';
import { ExchangedValues } from './ExchangedValues';
import type { KeySideRecord } from '../../engine/protocol/keys';
import { keysMatch, type KeyExchangeView } from './key-exchanges';
import { SecretKey } from './SecretKey';

// One registration's key exchange: the method and why it was chosen (the
// branches each side took), what was exchanged, and the key each side ended
// with — and whether the mobile node's and the foreign agent's keys agree,
// which is the whole point (Perkins & Johnson §9.1, §9.2).

function ResultingKeys({ x }: { readonly x: KeyExchangeView }) {
  const match = keysMatch(x);
  const side = (who: string, record: KeySideRecord | null, secretName: string) => (
    <>
      <dt>{who}</dt>
      <dd>
        {record?.key === null || record?.key === undefined ? 'no key (yet)' : <>SPI {record.spi} <SecretKey value={record.key} label={`the ${who}'s registration key`} /></>}
        {record?.privateValue === null || record?.privateValue === undefined ? null : (
          <div className="key-private">its {secretName}, never sent: <SecretKey value={record.privateValue} label={`the ${who}'s ${secretName}`} /></div>
        )}
      </dd>
    </>
  );
  const secret = (who: 'MN' | 'FA'): string => (x.method === 5 ? (who === 'MN' ? 'exponent x' : 'exponent y') : who === 'MN' ? 'private value' : 'chosen key K');
  return (
    <section className="key-result" aria-label="Resulting keys">
      <h3>Resulting key <span className="key-ref">Perkins & Johnson §9.1, §9.2; lab choice: 16-octet keys</span></h3>
      <dl className="key-facts">
        {side('mobile node', x.mobileNode, secret('MN'))}
        {side('foreign agent', x.foreignAgent, secret('FA'))}
      </dl>
      <p className={`key-match${match === false ? ' key-mismatch' : ''}`} role="note">
        {match === null ? 'Both sides have not reported a key yet.'
          : match ? 'The mobile node and the foreign agent hold the same key (same fingerprint): a smooth-handoff Binding Update can be authenticated with it (Perkins & Johnson §9.1, §9.2, §4.1).'
            : 'The keys differ: the foreign agent would refuse a Binding Update authenticated with the mobile node\'s key.'}
      </p>
    </section>
  );
}

export function KeyExchangeCard({ x, open }: { readonly x: KeyExchangeView; readonly open: boolean }) {
  const presentation = useLab((s) => s.presentation);
  const why = [...(x.mobileNode?.steps ?? []), ...(x.foreignAgent?.steps ?? []), ...x.homeAgentSteps].filter((s) => s.branch === 'taken');
  const when = x.status === 'in progress' ? 'in progress' : `established at ${timeText(x.time)}`;
  return (
    <details className="key-exchange" open={open}>
      <summary>
        Mobile node {x.homeAddress} ↔ foreign agent {x.faAddress}: {x.method === null ? 'method not decided yet' : `method ${x.method}`} — {when}
      </summary>
      <section aria-label="Method chosen" className="key-method">
        <h3>Method chosen <span className="key-ref">Perkins & Johnson §9 (preference order of regkey-00 §3)</span></h3>
        <p><strong>{x.method === null ? 'Not decided yet.' : `${x.method}. ${x.methodName ?? ''}`}</strong></p>
        {why.length === 0 ? null : (
          <>
            <p className="key-why-intro">Because:</p>
            <ul className="key-why">{why.map((s, i) => <li key={i}>{s.step}</li>)}</ul>
          </>
        )}
        {x.replyPacket === null ? null : (
          <button type="button" className="link-button" onClick={() => useLab.getState().selectPacket(x.replyPacket)}>
            select the Registration Reply that carried the key
          </button>
        )}
      </section>
      <DecisionSteps title="Mobile node" refText="Perkins & Johnson §9.1" steps={x.mobileNode?.steps ?? []} noKey={x.mobileNode?.noKeyReason} empty="The mobile node has not reported its steps." />
      <DecisionSteps title="Foreign agent" refText="Perkins & Johnson §9.2" steps={x.foreignAgent?.steps ?? []} noKey={x.foreignAgent?.noKeyReason} empty="The foreign agent has not reported its steps." />
      <DecisionSteps title="Home agent" refText="Perkins & Johnson §9.3" steps={x.homeAgentSteps} empty={x.method === 1 ? 'Nothing to do: no key was asked for (method 1).' : 'No home-agent step recorded for this exchange.'} />
      <ExchangedValues x={x} presentation={presentation} />
      <ResultingKeys x={x} />
    </details>
  );
}

import { useId, useMemo, useState } from 'react';
import type { LinkSpec } from '../../engine/network/topology';
import type { CommandLogEntry } from '../../runtime/types';
import { useLab } from '../store/lab-store';
import { linkTitles } from './link-names';

// Delay and loss of a link, changed while the network runs (LabCommand
// `set-link`): a longer delay stretches every round trip — and a
// registration's — a lossy radio cell makes Requests and Binding Updates be
// retransmitted (RFC 2002 §3.6.3; OC-21).

/** A link as it is now: the scenario's values with every later set-link applied. */
export function linkNow(link: LinkSpec, commands: readonly CommandLogEntry[]): { readonly delay: number; readonly loss: number } {
  let delay = link.delay;
  let loss = link.loss ?? 0;
  for (const { command: c } of commands) {
    if (c.type !== 'set-link' || c.link !== link.id) continue;
    if (c.delay !== undefined) delay = c.delay;
    if (c.loss !== undefined) loss = c.loss;
  }
  return { delay, loss };
}

export function LinkSettings() {
  const topology = useLab((s) => s.scenario?.topology);
  const links = topology?.links;
  const titles = useMemo(() => (topology === undefined ? new Map<string, string>() : linkTitles(topology)), [topology]);
  const commands = useLab((s) => s.commands);
  const runtime = useLab((s) => s.runtime);
  const [linkId, setLinkId] = useState('');
  const [delayMs, setDelayMs] = useState('');
  const [lossPct, setLossPct] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (links === undefined || links.length === 0) return null;
  const link = links.find((l) => l.id === linkId) ?? links[0]!;
  const now = linkNow(link, commands);

  const choose = (id: string): void => {
    setLinkId(id);
    setDelayMs('');
    setLossPct('');
    setError(null);
  };
  const apply = (): void => {
    const delay = delayMs.trim() === '' ? undefined : Math.round(Number(delayMs) * 1000);
    const loss = lossPct.trim() === '' ? undefined : Number(lossPct) / 100;
    if (delay === undefined && loss === undefined) return setError('Give a new delay, a new loss, or both.');
    if (delay !== undefined && (!Number.isFinite(delay) || delay < 1)) return setError('The delay must be a number of milliseconds of at least 0.001 (1 µs).');
    if (loss !== undefined && (!Number.isFinite(loss) || loss < 0 || loss > 1)) return setError('The loss must be a percentage from 0 to 100.');
    setError(null);
    runtime?.send({ type: 'set-link', link: link.id, ...(delay === undefined ? {} : { delay }), ...(loss === undefined ? {} : { loss }) });
    setDelayMs('');
    setLossPct('');
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Links</h3>
      <form className="link-settings" noValidate onSubmit={(e) => { e.preventDefault(); apply(); }}>
        <label htmlFor={`${id}-link`}>Link</label>
        <select id={`${id}-link`} value={link.id} onChange={(e) => choose(e.target.value)}>
          {links.map((l) => <option key={l.id} value={l.id}>{titles.get(l.id)}</option>)}
        </select>
        <label htmlFor={`${id}-delay`}>Delay (ms)</label>
        <input id={`${id}-delay`} type="number" min={0.001} step="any" inputMode="decimal" placeholder={String(now.delay / 1000)} value={delayMs} onChange={(e) => setDelayMs(e.target.value)} />
        <label htmlFor={`${id}-loss`}>Loss (%)</label>
        <input id={`${id}-loss`} type="number" min={0} max={100} step="any" inputMode="decimal" placeholder={String(Number((now.loss * 100).toFixed(2)))} value={lossPct} onChange={(e) => setLossPct(e.target.value)} />
        <span />
        <button type="submit" disabled={runtime === null}>Apply to {titles.get(link.id)}</button>
      </form>
      <p className="setting-wire">Now: delay {now.delay / 1000} ms, loss {Number((now.loss * 100).toFixed(2))} %. The change applies at the current virtual time and is recorded in the command log.</p>
      {error === null ? null : <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}

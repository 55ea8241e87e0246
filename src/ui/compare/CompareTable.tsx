// The figures of both runs, row by row, with the difference (docs/architecture.md "UI"):
// the Statistics tab's figures (compare-figures.ts), live. A side that lost
// datagrams shows the count in red.

import { CitedText } from '../references/CitedText';
import type { CompareSession } from './compare-session';
import { compareRows } from './compare-figures';
import { useSideMetrics } from './use-side-metrics';

export function CompareTable({ session, leftText, rightText }: { readonly session: CompareSession; readonly leftText: string; readonly rightText: string }) {
  const left = useSideMetrics(session.left.store);
  const right = useSideMetrics(session.right.store);
  if (left === null || right === null) return <p role="status">The figures appear once both runs have started.</p>;
  const rows = compareRows(left.metrics, right.metrics);
  const incomplete = left.incomplete || right.incomplete;
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" aria-describedby="compare-table-note">
        <caption>Both runs so far, over every flow</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Left: {leftText}</th>
            <th scope="col">Right: {rightText}</th>
            <th scope="col">Difference (right − left)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} data-figure={r.label}>
              <th scope="row">{r.label}</th>
              <td className={r.loss?.left === true ? 'compare-loss' : undefined} data-side="left">{r.left}</td>
              <td className={r.loss?.right === true ? 'compare-loss' : undefined} data-side="right">{r.right}</td>
              <td data-side="difference">{r.difference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="compare-table-note" className="compare-note">
        The same figures as the Statistics tab and <code>mip-lab run</code>, exact at the playhead when paused. Hops are link transmissions per
        delivered datagram; tunnel octets are the headers tunnels added (<CitedText text="RFC 2003 §3.1, RFC 2004 §3, RFC 1701 §2" />).
        {incomplete ? ' Some of the run is still being re-derived: these figures are not complete yet.' : ''}
      </p>
    </div>
  );
}

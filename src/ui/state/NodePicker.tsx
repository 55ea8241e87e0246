import { useLab } from '../store/lab-store';
import { ROLE_TITLES } from './node-state-access';

// Which node's tables to show: the same selection the canvas sets by a click
// (docs/architecture.md "UI"). With nothing selected, every node is offered as a button;
// once one is, a compact select switches between them.

export function NodePicker() {
  const nodes = useLab((s) => s.scenario?.nodes);
  const selected = useLab((s) => s.selectedNode);
  // The first run opens a moment after the page paints (its code loads beside the lab's):
  // meanwhile say so, rather than that nothing is open.
  const opening = useLab((s) => s.scenario === null && s.loadError === null && s.status === 'loading');
  if (nodes === undefined) return <p className="state-empty">{opening ? 'Opening the scenario…' : 'No scenario is open.'}</p>;
  if (selected === null) {
    return (
      <nav aria-label="Choose a node">
        <p className="state-note">Pick a node (or click one on the network) to see the tables it holds.</p>
        <ul className="node-pick-list">
          {nodes.map((n) => (
            <li key={n.id}>
              <button type="button" onClick={() => useLab.getState().selectNode(n.id)}>
                {n.label ?? n.id} <span className="state-role">{ROLE_TITLES[n.role]}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
    );
  }
  return (
    <label className="node-select">
      Node{' '}
      <select value={selected} onChange={(e) => useLab.getState().selectNode(e.target.value === '' ? null : e.target.value)}>
        <option value="">(none)</option>
        {nodes.map((n) => <option key={n.id} value={n.id}>{n.label ?? n.id} — {ROLE_TITLES[n.role]}</option>)}
      </select>
    </label>
  );
}

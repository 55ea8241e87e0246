import { useMemo, useState } from 'react';
import { entryAt } from '../../engine/keyed';
import type { NodeId } from '../../engine/node/contract';
import { useLab } from '../store/lab-store';
import { useTraceView } from '../store/trace-view';
import { CorrespondentTables } from './CorrespondentTables';
import { ForeignAgentTables } from './ForeignAgentTables';
import { HomeAgentTables } from './HomeAgentTables';
import { Ipv6AccessRouterTables } from './Ipv6AccessRouterTables';
import { Ipv6AdversaryTables } from './Ipv6AdversaryTables';
import { Ipv6CorrespondentTables } from './Ipv6CorrespondentTables';
import { Ipv6HomeAgentTables } from './Ipv6HomeAgentTables';
import { Ipv6MobileNodeTables } from './Ipv6MobileNodeTables';
import { MobileNodeTables } from './MobileNodeTables';
import { NodePicker } from './NodePicker';
import { roleState, ROLE_TITLES, type RoleState } from './node-state-access';
import { AdversaryFacts, ForwardingTableView } from './OtherNodeTables';
import { RecentChanges } from './RecentChanges';
import { freshChanges, tableChangeOf, tableChangesOf } from './recent-changes';
import { TraceCursor } from '../controls/trace-cursor';
import type { TableView } from './table-view';
import './state.css';

// The state panel (docs/architecture.md "UI"): every table the selected node
// really holds, by role, as of the lab's current virtual time — lifetimes
// counting down, rows that just changed highlighted, and the latest changes
// linked to the packets that caused them. It reads the store only; the node
// states come from the runtime's batches (NodeView.state).

/** How many of the node's latest table changes the panel lists. */
const RECENT_CHANGES_SHOWN = 12;
/** Every node's newest table changes kept for the panel (the trace kept is a window; these outlive it). */
const CHANGES_KEPT = 500;

/** `linkOf`: the link an interface of this node is on, as the canvas names it (a learner never sees interface names). */
function RoleTables({ rs, view, linkOf }: { readonly rs: RoleState; readonly view: TableView; readonly linkOf: (iface: string) => string }) {
  switch (rs.role) {
    case 'home-agent': return <HomeAgentTables state={rs.state} view={view} />;
    case 'foreign-agent': return <ForeignAgentTables state={rs.state} view={view} />;
    case 'correspondent': return <CorrespondentTables state={rs.state} view={view} />;
    case 'mobile-node': return <MobileNodeTables state={rs.state} view={view} />;
    case 'router': return <ForwardingTableView table={rs.state.table} view={view} linkOf={linkOf} />;
    case 'adversary': return <AdversaryFacts state={rs.state} />;
    case 'home-agent-v6': return <Ipv6HomeAgentTables state={rs.state} view={view} linkOf={linkOf} />;
    case 'access-router-v6': return <Ipv6AccessRouterTables state={rs.state} view={view} linkOf={linkOf} />;
    case 'correspondent-v6': return <Ipv6CorrespondentTables state={rs.state} view={view} />;
    case 'adversary-v6': return <Ipv6AdversaryTables state={rs.state} view={view} />;
    case 'mobile-node-v6': return <Ipv6MobileNodeTables state={rs.state} view={view} />;
    case 'unreadable': return <p className="state-empty" role="status">This node's tables cannot be shown: {rs.reason}.</p>;
  }
}

function SelectedNode({ id, allColumns }: { readonly id: NodeId; readonly allColumns: boolean }) {
  const spec = useLab((s) => s.scenario?.nodes.find((n) => n.id === id));
  const view = useLab((s) => entryAt(s.nodes, id));
  const now = useLab((s) => s.now);
  const presentation = useLab((s) => s.presentation);
  const trace = useTraceView();
  const [cursor] = useState(() => new TraceCursor(tableChangeOf, CHANGES_KEPT));
  // The log is mutable: a new view (store/trace-view.ts) is what says it changed.
  const allChanges = useMemo(() => cursor.read(trace.log), [cursor, trace]);
  const changes = useMemo(() => tableChangesOf(allChanges, id, RECENT_CHANGES_SHOWN * 4), [allChanges, id]);
  if (spec === undefined) return <p className="state-empty" role="status">Node {id} is not in this scenario.</p>;
  if (view === undefined) return <p className="state-empty" role="status">Waiting for {id}'s state from the runtime…</p>;
  const tableView: TableView = { fresh: freshChanges(changes, now), compact: presentation || !allColumns };
  return (
    <>
      <h2 className="state-title">
        {spec.label ?? spec.id} <span className="state-role">{ROLE_TITLES[spec.role]}</span>
      </h2>
      <RoleTables rs={roleState(spec.role, view.state)} view={tableView} linkOf={(iface) => spec.interfaces.find((i) => i.name === iface)?.link ?? 'radio'} />
      <RecentChanges changes={changes.slice(0, RECENT_CHANGES_SHOWN)} />
    </>
  );
}

export function NodeStatePanel() {
  const selected = useLab((s) => s.selectedNode);
  const presentation = useLab((s) => s.presentation);
  const [allColumns, setAllColumns] = useState(false);
  return (
    <div className={`state-panel${presentation ? ' presentation' : ''}`}>
      <div className="state-toolbar">
        <NodePicker />
        {selected === null || presentation ? null : (
          <label className="state-all-columns">
            <input type="checkbox" checked={allColumns} onChange={(e) => setAllColumns(e.target.checked)} /> every column
          </label>
        )}
      </div>
      {selected === null ? null : <SelectedNode id={selected} allColumns={allColumns} />}
    </div>
  );
}

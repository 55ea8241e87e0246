import { useState } from 'react';
import { entryAt } from '../../engine/keyed';
import type { NodeId } from '../../engine/node/contract';
import { ROLE_NAMES, SETTING_SCOPES, settingRefusal } from '../../runtime/commands/setting-roles';
import type { NodeSetting } from '../../runtime/types';
import { NodePicker } from '../state/NodePicker';
import { useLab } from '../store/lab-store';
import { CommandLog } from './CommandLog';
import { currentSetting, type SettingName } from './current-settings';
import { FlowStops } from './FlowStops';
import { LinkSettings } from './LinkSettings';
import { SettingControl } from './SettingControl';
import { wireText } from './setting-texts';
import './controls.css';

// The settings tab (docs/architecture.md "UI"): for the selected node, the live settings its
// role has — Route Optimization, smooth handoff, encapsulation, authentication
// algorithm — each sent to the running network as a `configure` command; then
// the links' delay and loss, and the log of every command sent so far.

const SETTINGS = Object.keys(SETTING_SCOPES) as SettingName[];

function NodeSettingList({ id }: { readonly id: NodeId }) {
  const node = useLab((s) => s.scenario?.nodes.find((n) => n.id === id));
  const state = useLab((s) => entryAt(s.nodes, id)?.state);
  const runtime = useLab((s) => s.runtime);
  const status = useLab((s) => s.status);
  const [error, setError] = useState<string | null>(null);
  if (node === undefined) return null;
  const applicable = SETTINGS.filter((s) => settingRefusal(node, s) === null);
  const send = (s: NodeSetting): void => {
    const r = useLab.getState().runtime;
    if (r === null) return;
    try {
      r.send({ type: 'configure', node: id, ...s });
      setError(null);
    } catch (e) {
      setError(`The ${s.setting} change was refused: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <section aria-label={`Settings of ${node.label ?? node.id}`}>
      <h2>{node.label ?? node.id}</h2>
      {applicable.length === 0 ? (
        <p className="setting-wire">No live setting applies to {ROLE_NAMES[node.role]}: the settings belong to the mobile node, its agents and correspondents.</p>
      ) : applicable.map((s) => (
        <SettingControl
          key={s}
          setting={s}
          current={currentSetting(node, state, s)}
          wire={wireText(s, node.role)}
          disabled={runtime === null || status === 'loading' || status === 'failed'}
          onChange={send}
        />
      ))}
      {error === null ? null : <p className="form-error" role="alert">{error}</p>}
      <p className="setting-wire">A change applies at the current virtual time and is recorded in the command log below.</p>
      <FlowStops id={id} />
    </section>
  );
}

export function NodeSettings() {
  const selected = useLab((s) => s.selectedNode);
  const presentation = useLab((s) => s.presentation);
  return (
    <div className={`node-settings${presentation ? ' presentation' : ''}`}>
      <NodePicker />
      {/* key: a refusal shown for one node must not linger under the next one picked */}
      {selected === null ? null : <NodeSettingList key={selected} id={selected} />}
      <LinkSettings />
      <CommandLog />
    </div>
  );
}

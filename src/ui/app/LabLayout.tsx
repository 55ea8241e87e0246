import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { PlaybackControls } from '../controls/PlaybackControls';
import { ScenarioPicker } from '../controls/ScenarioPicker';
import { NodeSettings } from '../controls/NodeSettings';
import { PacketInspector } from '../inspector/PacketInspector';
import { KeyExchangePanel } from '../keys/KeyExchangePanel';
import { LadderDiagram } from '../ladder/LadderDiagram';
import { NodeStatePanel } from '../state/NodeStatePanel';
import { useLab } from '../store/lab-store';
import { LabHeaderActions } from './LabHeaderActions';
import { LoadProblem } from './LoadProblem';
import { Tabs } from './Tabs';

// The lab's one screen (DESIGN.md "UI"): the network on the left, what the
// selected node holds on the right, and below, the packets and the ladder.
// Sized for a 1280×720 projector first; wider screens give the canvas more.
export function LabLayout() {
  const presentation = useLab((s) => s.presentation);
  const title = useLab((s) => s.scenario?.title);
  return (
    <div className={`lab${presentation ? ' presentation' : ''}`}>
      <header className="lab-header">
        <h1 className="lab-title">
          Route Optimization Lab
          {title === undefined ? null : <span className="lab-scenario-title">{title}</span>}
        </h1>
        <ScenarioPicker />
        <PlaybackControls />
        <LabHeaderActions />
      </header>
      <LoadProblem />
      <main className="lab-main">
        <section className="lab-canvas" aria-label="Network">
          <NetworkCanvas />
        </section>
        <aside className="lab-side" aria-label="Node details">
          <Tabs
            label="Node details"
            tabs={[
              { id: 'state', label: 'Tables', content: <NodeStatePanel /> },
              { id: 'keys', label: 'Key exchange', content: <KeyExchangePanel /> },
              { id: 'settings', label: 'Settings', content: <NodeSettings /> },
            ]}
          />
        </aside>
        <section className="lab-bottom" aria-label="Packets">
          <Tabs
            label="Packet views"
            tabs={[
              { id: 'packets', label: 'Packets', content: <PacketInspector /> },
              { id: 'ladder', label: 'Ladder diagram', content: <LadderDiagram /> },
            ]}
          />
        </section>
      </main>
    </div>
  );
}

import { DrawingTheNetwork, NetworkCanvas } from './lazy-canvas';
import { usePaintedOnce } from './after-first-paint';
import { PlaybackControls } from '../controls/PlaybackControls';
import { ScenarioPicker } from '../controls/ScenarioPicker';
import { PacketInspector } from '../inspector/PacketInspector';
import { KeyExchangePanel, LadderDiagram, NodeSettings, NodeStatePanel, StatisticsPanel } from './lazy-lab-views';
import { Greeting } from '../lessons/Greeting';
import { LessonPlayer } from '../lessons/LessonPlayer';
import { selectLessonId } from '../lessons/lesson-selectors';
import { useLab } from '../store/lab-store';
import { LabHeaderActions } from './LabHeaderActions';
import { LoadProblem } from './LoadProblem';
import { RunNoticeBar } from './links/RunNoticeBar';
import { Tabs } from './Tabs';
import { PlaylistBar } from '../course/PlaylistBar';
import { ClassQuestion } from '../course/ClassQuestion';
import './presentation-layout.css';

// The lab's one screen (docs/architecture.md "UI"): the network on the left, what the
// selected node holds on the right, and below, the packets and the ladder; an
// open lesson takes a column on the left.
// Sized for a 1280×720 projector first; wider screens give the canvas more.
// The first frame draws the header, the panels' frames and, on a first visit, the greeting a
// learner reads first; the panels' contents follow in the next (a slow phone spends most of a
// second rendering them, which held back the greeting too).
export function LabLayout({ greet = false }: { readonly greet?: boolean }) {
  const painted = usePaintedOnce();
  const presentation = useLab((s) => s.presentation);
  const lesson = useLab(selectLessonId);
  const title = useLab((s) => s.scenario?.title);
  return (
    <div className={`lab${presentation ? ' presentation' : ''}`}>
      <header className="lab-header">
        <h1 className="lab-title">
          Route Optimization Lab
          {/* The line is there before the scenario's title arrives, so the header does not grow under the learner's eyes. */}
          {title === undefined ? <span className="lab-scenario-title" aria-hidden="true">{'\u00a0'}</span> : <span className="lab-scenario-title">{title}</span>}
        </h1>
        <ScenarioPicker />
        {/* The actions before playback, as they are drawn (lab.css): the keyboard meets them in the order seen. */}
        <LabHeaderActions />
        <PlaybackControls />
        <PlaylistBar />
      </header>
      <LoadProblem />
      <RunNoticeBar />
      <main className={`lab-main${lesson === null ? '' : ' with-lesson'}`}>
        <LessonPlayer />
        <section className="lab-canvas" aria-label="Network">
          {painted ? <NetworkCanvas /> : <DrawingTheNetwork />}
        </section>
        <aside className="lab-side" aria-label="Node details">
          {painted ? <Tabs
            label="Node details"
            tabs={[
              { id: 'state', label: 'Tables', content: <NodeStatePanel /> },
              { id: 'keys', label: 'Key exchange', content: <KeyExchangePanel /> },
              { id: 'settings', label: 'Settings', content: <NodeSettings /> },
            ]}
          /> : null}
        </aside>
        <ClassQuestion />
        <section className="lab-bottom" aria-label="Packets">
          {painted ? <Tabs
            label="Packet views"
            tabs={[
              { id: 'packets', label: 'Packets', content: <PacketInspector /> },
              { id: 'ladder', label: 'Ladder diagram', content: <LadderDiagram /> },
              { id: 'stats', label: 'Statistics', content: <StatisticsPanel /> },
            ]}
          /> : null}
        </section>
      </main>
      {greet ? <Greeting /> : null}
    </div>
  );
}

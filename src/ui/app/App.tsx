import { useEffect, useState, useSyncExternalStore } from 'react';
import { PacketDecoder } from '../decoder/PacketDecoder';
import { ReferencesPage } from '../references/ReferencesPage';
import { LabLayout } from './LabLayout';
import { openBuiltin } from './open-scenario';
import { builtinScenario } from '../../scenarios/builtin';
import { parseRunLink, withKnownScenario } from './run-link';
import { installTestApi } from './test-api';
import { useLab } from '../store/lab-store';
import { isFirstVisit } from '../lessons/lesson-progress';
import { openLessonFromLink } from '../lessons/open-lesson';

/** The scenario a first visit opens: the free-play network where the learner moves the mobile node. */
export const DEFAULT_SCENARIO = 'explore';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// Three pages: the lab (default), the stand-alone packet decoder (#/decoder),
// where a learner pastes any captured packet, and the References page
// (#/references, or #/references/<entry> to open at one cited section). The
// page address also carries a shared run (run-link.ts), opened on the first
// visit to the lab — not on the References page, which a citation link opens
// in a new tab and which needs no running network. A link may name a lesson
// instead (`?lesson=<id>`). A first visit with no link is greeted: start the
// first lesson, or explore freely.
export function App() {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const onDecoder = hash === '#/decoder';
  const reference = /^#\/references(?:\/(.+))?$/.exec(hash);
  const onReferences = reference !== null;
  const [greet] = useState(() => {
    const { link } = parseRunLink(window.location.search);
    return link.scenario === undefined && link.lesson === undefined && isFirstVisit();
  });

  useEffect(() => {
    installTestApi();
    if (onReferences || useLab.getState().runtime !== null) return;
    const parsed = parseRunLink(window.location.search);
    if (parsed.link.lesson !== undefined) {
      void openLessonFromLink(parsed);
      return;
    }
    const { link, problems } = withKnownScenario(parsed, (id) => builtinScenario(id) !== undefined, DEFAULT_SCENARIO);
    void openBuiltin(link.scenario ?? DEFAULT_SCENARIO, {
      ...(link.seed === undefined ? {} : { seed: link.seed }),
      ...(link.mode === undefined ? {} : { mode: link.mode }),
      ...(link.commands === undefined ? {} : { commands: link.commands }),
    }).then(() => {
      if (problems.length === 0) return;
      // Added to, not in place of, a problem opening the scenario itself may have reported.
      const { loadError, setLoadError } = useLab.getState();
      const unused = `Parts of the link were not used:\n${problems.map((p) => `  • ${p}`).join('\n')}`;
      setLoadError(loadError === null ? unused : `${loadError}\n${unused}`);
    });
  }, [onReferences]);

  if (onReferences) return <ReferencesPage target={reference[1] ?? null} />;
  if (!onDecoder) return <LabLayout greet={greet} />;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Route Optimization Lab — packet decoder</h1>
        <p className="tagline">
          Paste any captured packet and see it dissected, layer by layer, with the same engine the lab runs. <a href="#/">Back to the lab</a>
        </p>
      </header>
      <main>
        <PacketDecoder />
      </main>
      <footer className="app-footer">
        <p>
          Wire formats follow RFC 2002–2004 and the route-optimization drafts (optim-07/-08, regkey-00,
          spectun-00). Every field shows the section it comes from.
        </p>
      </footer>
    </div>
  );
}

import { useEffect, useSyncExternalStore } from 'react';
import { PacketDecoder } from '../decoder/PacketDecoder';
import { LabLayout } from './LabLayout';
import { openBuiltin } from './open-scenario';
import { builtinScenario } from '../../scenarios/builtin';
import { parseRunLink, withKnownScenario } from './run-link';
import { installTestApi } from './test-api';
import { useLab } from '../store/lab-store';

/** The scenario a first visit opens: the free-play network where the learner moves the mobile node. */
export const DEFAULT_SCENARIO = 'explore';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// Two pages: the lab (default) and the stand-alone packet decoder (#/decoder),
// where a learner pastes any captured packet. The page address also carries a
// shared run (run-link.ts), opened on the first visit.
export function App() {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const onDecoder = hash === '#/decoder';

  useEffect(() => {
    installTestApi();
    if (useLab.getState().runtime !== null) return;
    const { link, problems } = withKnownScenario(parseRunLink(window.location.search), (id) => builtinScenario(id) !== undefined, DEFAULT_SCENARIO);
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
  }, []);

  if (!onDecoder) return <LabLayout />;
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

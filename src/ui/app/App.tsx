import { useEffect, useState, useSyncExternalStore } from 'react';
import { LabLayout } from './LabLayout';
import { parseRunLink } from './run-link';
import { ensureAddressWriter } from './links/address-writer';
import { openRunFromAddress, preloadRunOpener } from './run-opener';
import { readRunAddress } from './links/run-address';
import { installTestApi } from './test-api';
import { preloadNetworkCanvas } from './lazy-canvas';
import { afterFirstPaint } from './after-first-paint';
import { useLab } from '../store/lab-store';
import { isFirstVisit } from '../lessons/lesson-progress';
import { openLessonFromLink } from '../lessons/open-lesson';
import { CapturePage, ComparePage, CoursePage, PacketDecoder, ReferencesPage } from './lazy-pages';
import { hasPlaylistLink, openPlaylistFromLink } from '../course/open-playlist';

/** The scenario a first visit opens: the free-play network where the learner moves the mobile node. */
export const DEFAULT_SCENARIO = 'explore';

export type Page = 'lab' | 'decoder' | 'references' | 'course' | 'capture' | 'compare';

/** Which page the address's fragment shows (the pages are described above App). */
export function pageOf(hash: string): Page {
  if (hash === '#/decoder') return 'decoder';
  if (/^#\/references(?:\/.+)?$/.test(hash)) return 'references';
  if (hash === '#/course') return 'course';
  if (hash === '#/capture') return 'capture';
  if (hash === '#/compare' || hash.startsWith('#/compare?')) return 'compare';
  return 'lab';
}

/** Whether the address shows the lab itself, not one of the other pages (main.tsx starts fetching its run and canvas at once). */
export function showsTheLab(hash: string): boolean {
  return pageOf(hash) === 'lab';
}

/** Whether the lab greets the learner: a first visit whose address names no run, lesson or lecture. */
export function greetsOnArrival(search: string): boolean {
  const { link } = parseRunLink(search);
  return link.scenario === undefined && link.lesson === undefined && !hasPlaylistLink(search) && isFirstVisit();
}

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
// first lesson, or explore freely. The course page (#/course) maps the lessons
// onto the paper; `?playlist=` plays a lecture built there (src/ui/course).
export function App() {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const page = pageOf(hash);
  const onDecoder = page === 'decoder';
  const reference = /^#\/references\/(.+)$/.exec(hash); // the cited section to open at, if any
  const onReferences = page === 'references';
  const onCourse = page === 'course'; // the course map and the lecture builder (src/ui/course)
  const onCapture = page === 'capture'; // a capture file opened read-only (src/ui/capture)
  const onCompare = page === 'compare'; // two runs side by side, its own runtimes (src/ui/compare)
  const [greet] = useState(() => greetsOnArrival(window.location.search));

  useEffect(() => {
    installTestApi();
    ensureAddressWriter(); // the address follows the run from now on, so a reload or a crash loses nothing
    if (onReferences || onCourse || onCompare || useLab.getState().runtime !== null) return;
    // Fetched now, once the first frame has been committed (main.tsx asked for them already
    // unless the greeting is shown: it comes first); validating and starting the run wait for it to show.
    preloadRunOpener();
    if (showsTheLab(window.location.hash)) preloadNetworkCanvas();
    // The header and the canvas show before the run's code is evaluated and the run started.
    afterFirstPaint(() => {
      if (useLab.getState().runtime !== null) return; // opened meanwhile (a test, a quick learner)
      if (hasPlaylistLink(window.location.search)) {
        void openPlaylistFromLink(window.location.search);
        return;
      }
      const parsed = parseRunLink(window.location.search);
      if (parsed.link.lesson !== undefined) {
        void openLessonFromLink(parsed);
        return;
      }
      // The run the address names, brought back where it was (links/run-address.ts).
      void openRunFromAddress(readRunAddress(window.location.search, window.location.hash), DEFAULT_SCENARIO);
    });
  }, [onReferences, onCourse, onCompare]);

  if (onReferences) return <ReferencesPage target={reference?.[1] ?? null} />;
  if (onCourse) return <CoursePage />;
  if (onCapture) return <CapturePage />;
  if (onCompare) return <ComparePage />;
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

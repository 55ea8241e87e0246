import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, greetsOnArrival, showsTheLab } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { UpdatePrompt } from './app/offline/UpdatePrompt';
import { registerOfflineSupport } from './app/offline/register-offline-support';
import { preloadNetworkCanvas } from './app/lazy-canvas';
import { preloadRunOpener } from './app/run-opener';
import './app/app.css';
import './app/lab.css';

// The code that opens the first run and the canvas that draws it are fetched now, beside the
// first render, rather than when it has finished: the run cannot start before its code is here
// (App.tsx opens it after the first frame). Not on a first visit: there the greeting, which the
// learner reads before the lab behind it, is drawn first, and evaluating that code as it arrived
// held it back by half a second on a slow phone; App.tsx asks for it once the greeting is drawn.
if (showsTheLab(window.location.hash) && !greetsOnArrival(window.location.search)) {
  preloadRunOpener();
  preloadNetworkCanvas();
}

const root = document.getElementById('root');
if (root) {
  // A transition: React draws the lab in slices, handing the main thread back between them,
  // so a slow device answers input while the first render is under way (the header bar
  // index.html painted stays until the lab replaces it).
  const lab = createRoot(root);
  startTransition(() => lab.render(
    <StrictMode>
      <ErrorBoundary>
        <App />
        <UpdatePrompt />
      </ErrorBoundary>
    </StrictMode>,
  ));
}

registerOfflineSupport();

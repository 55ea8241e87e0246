import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, showsTheLab } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { UpdatePrompt } from './app/offline/UpdatePrompt';
import { registerOfflineSupport } from './app/offline/register-offline-support';
import { preloadNetworkCanvas } from './app/lazy-canvas';
import { preloadRunOpener } from './app/run-opener';
import './app/app.css';
import './app/lab.css';

// The code that opens the first run and the canvas that draws it are fetched now, beside the
// first render, rather than when it has finished: on a slow device that render takes a second
// or more, and the run cannot start before its code is here (App.tsx opens it after the first frame).
if (showsTheLab(window.location.hash)) {
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

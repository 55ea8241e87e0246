import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { UpdatePrompt } from './app/offline/UpdatePrompt';
import { registerOfflineSupport } from './app/offline/register-offline-support';
import './app/app.css';
import './app/lab.css';

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

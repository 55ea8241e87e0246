import '../zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { UpdatePrompt } from './app/offline/UpdatePrompt';
import { registerOfflineSupport } from './app/offline/register-offline-support';
import './app/app.css';
import './app/lab.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
        <UpdatePrompt />
      </ErrorBoundary>
    </StrictMode>,
  );
}

registerOfflineSupport();

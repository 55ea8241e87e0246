import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLab } from '../store/lab-store';
import { writeRunAddress } from './links/address-writer';

interface State {
  readonly error: Error | null;
}

// "The app never shows a blank page or a stack trace": anything a component
// throws lands here and becomes a readable message with a way forward. The
// promise it makes — reloading loses nothing — holds because the run is in
// the page address (links/address-writer.ts, written once more here) and a
// lesson's progress in the browser (lessons/lesson-progress.ts, saved here).
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Route Optimization Lab caught an error:', error.message, info.componentStack);
    try {
      writeRunAddress();
      useLab.getState().saveLessonProgress();
    } catch {
      // Saving is best effort here: the address was kept up to date all along.
    }
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>Something went wrong in the lab</h1>
        <p>{this.state.error.message}</p>
        <p>Your work is not lost: reload the page and the run comes back where it was.</p>
        <button type="button" onClick={() => window.location.reload()}>Reload the lab</button>
      </main>
    );
  }
}

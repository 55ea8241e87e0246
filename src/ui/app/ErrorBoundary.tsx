import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

// "The app never shows a blank page or a stack trace": anything a component
// throws lands here and becomes a readable message with a way forward.
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Route Optimization Lab caught an error:', error.message, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>Something went wrong in the lab</h1>
        <p>{this.state.error.message}</p>
        <p>Your work is not lost: reload the page to start again.</p>
        <button type="button" onClick={() => window.location.reload()}>Reload the lab</button>
      </main>
    );
  }
}

import { Component, Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import './lazy-view.css';

// Secondary pages and views load on demand, so the first load carries only the lab
// itself (docs/architecture.md "UI"). While a view's code arrives the learner sees
// a short "Loading…" line; if it cannot arrive (offline before the lab was cached,
// a deploy that replaced the files) a plain message with a Reload button — never a
// blank area or a stack trace. Errors thrown while the loaded view renders are not
// caught here: they go on to the lab's own ErrorBoundary, as before.

/** The code of a view could not be fetched or evaluated. */
export class ViewLoadError extends Error {
  constructor(readonly view: string, cause: unknown) {
    super(`The ${view} could not be loaded${cause instanceof Error && cause.message !== '' ? ` (${cause.message})` : ''}.`);
    this.name = 'ViewLoadError';
  }
}

interface FailureState {
  readonly error: unknown;
}

class ViewLoadBoundary extends Component<{ readonly view: string; readonly children: ReactNode }, FailureState> {
  override state: FailureState = { error: null };

  static getDerivedStateFromError(error: unknown): FailureState {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not a loading failure: the view itself broke, which the lab's boundary reports.
    if (!(error instanceof ViewLoadError)) throw error;
    return (
      <div className="view-load-failed" role="alert">
        <p>The {this.props.view} could not be loaded: the lab may be offline, or a newer version may have replaced it.</p>
        <button type="button" onClick={() => window.location.reload()}>Reload the lab</button>
      </div>
    );
  }
}

/** What a view shows while its code is on the way. */
export function ViewLoading({ view }: { readonly view: string }) {
  return <p className="view-loading" role="status">Loading the {view}…</p>;
}

/**
 * A component whose code is fetched the first time it renders. `view` names it for
 * the learner ("ladder diagram"); `load` is `() => import('…').then((m) => m.Name)`;
 * `pending` replaces the "Loading the …" line where the view must hold its place.
 */
export function lazyView<P extends object>(view: string, load: () => Promise<ComponentType<P>>, pending?: ReactNode): ComponentType<P> {
  const Lazy = lazy(async () => {
    try {
      return { default: await load() };
    } catch (cause) {
      throw new ViewLoadError(view, cause);
    }
  });
  function LazyView(props: P) {
    return (
      <ViewLoadBoundary view={view}>
        <Suspense fallback={pending ?? <ViewLoading view={view} />}>
          <Lazy {...props} />
        </Suspense>
      </ViewLoadBoundary>
    );
  }
  LazyView.displayName = `LazyView(${view})`;
  return LazyView;
}

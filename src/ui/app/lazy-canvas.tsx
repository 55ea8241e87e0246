import { lazyView } from './lazy-view';

// The network canvas, fetched beside the code that opens a run rather than carried in
// the first load (docs/architecture.md "UI"): it can draw nothing before a run is open,
// and the drawing library and its geometry (@xyflow, d3) are a third of the lab's
// first-load JavaScript. Meanwhile its area holds its place, in the canvas's own
// colour, and says what is coming; if the code cannot be fetched, it says so there.

const load = () => import('../canvas/NetworkCanvas').then((m) => m.NetworkCanvas);

/** Starts fetching the canvas now (the page calls this as it starts, so the canvas does not wait for the first render to ask). */
export function preloadNetworkCanvas(): void {
  void load().catch(() => undefined); // a failure shows where the canvas goes, when it renders
}

/** What the canvas's area shows until the canvas draws (also the lab's first frame, LabLayout.tsx). */
export function DrawingTheNetwork() {
  return <div className="canvas-pending" role="status">Drawing the network…</div>;
}

export const NetworkCanvas = lazyView('network drawing', load, <DrawingTheNetwork />);

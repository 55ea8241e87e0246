import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { useEffect, useRef } from 'react';

// The lab's grid settles after the first paint (header wrapping, fonts, the
// side panel), so the view fitted on init can be fitted to a stale size. Fit
// again whenever the canvas itself changes size: a projector, a resized
// window or presentation mode always shows the whole network. Not at the
// first size: the flow fits itself to that one once its nodes are measured
// (ReactFlow's fitView), and a second fit would redo it in the first run's
// busiest frames.
export function FitOnResize({ options }: { readonly options: FitViewOptions }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView } = useReactFlow();
  const last = useRef<{ width: number; height: number } | null>(null);
  useEffect(() => {
    if (width === 0 || height === 0) return;
    if (last.current === null) {
      last.current = { width, height };
      return;
    }
    if (last.current.width === width && last.current.height === height) return;
    last.current = { width, height };
    const frame = requestAnimationFrame(() => void fitView(options));
    return () => cancelAnimationFrame(frame);
  }, [width, height, options, fitView]);
  return null;
}

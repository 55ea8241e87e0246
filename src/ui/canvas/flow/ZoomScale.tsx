import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

// The canvas zoom as a CSS variable (--canvas-zoom) on the flow's element, so
// presentation mode can draw labels at a size on screen that does not shrink
// with the zoom (presentation.css): a lecture hall reads 18 px, whatever size
// the network is fitted to.
export function ZoomScale() {
  const zoom = useStore((s) => s.transform[2]);
  const dom = useStore((s) => s.domNode);
  useEffect(() => {
    dom?.style.setProperty('--canvas-zoom', String(zoom));
  }, [dom, zoom]);
  return null;
}

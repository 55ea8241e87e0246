// A uPlot chart in React (docs/architecture.md "Examples we follow": the chart
// object is created in an effect and destroyed in its cleanup). It follows its
// box's width (a hidden tab has none: it is drawn when shown) and takes new
// data without being re-created. The canvas is hidden from assistive
// technology: the figure's caption and the tables carry the same data.

import { useEffect, useEffectEvent, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotChartProps {
  /** Everything but the size; a new object re-creates the chart. */
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  readonly data: uPlot.AlignedData;
  readonly height: number;
}

export function UPlotChart({ options, data, height }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // A chart re-created for new options starts with the data as it is then; new data alone does not re-create it.
  const currentData = useEffectEvent(() => data);

  useEffect(() => {
    const el = box.current!;
    const chart = new uPlot({ ...options, width: Math.max(el.clientWidth, 300), height }, currentData(), el);
    plot.current = chart;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0) chart.setSize({ width: el.clientWidth, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className="stats-chart-canvas" aria-hidden="true" />;
}

// Latency of each datagram over virtual time, one series per flow, with the
// handoffs drawn as labelled vertical lines (Perkins & Johnson §4: what a move
// does to the datagrams in flight). Sizes grow in presentation mode.

import { memo, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { HandoffLoss } from '../../engine/metrics/handoff-windows';
import type { DatagramDelivery } from '../../engine/metrics/run-metrics';
import { handoffMarkers, latencyCaption, latencySeries, type HandoffMarker } from './latency-chart-data';
import { UPlotChart } from './UPlotChart';

/** Colours for the flows, distinguishable in colour-blind palettes (Okabe–Ito); points also differ in shape by size. */
export const FLOW_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

function markerPlugin(markers: { current: readonly HandoffMarker[] }, fontPx: number): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.font = `${Math.round(fontPx * devicePixelRatio)}px system-ui, sans-serif`;
        ctx.fillStyle = '#7c2d12';
        ctx.strokeStyle = '#c2410c';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.textBaseline = 'top';
        markers.current.forEach((m, i) => {
          const x = u.valToPos(m.x, 'x', true);
          if (x < left || x > left + width) return;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          // Beside the line, on whichever side has room; staggered so neighbours do not overlap.
          const text = `H ${m.label}`;
          const pad = 4 * devicePixelRatio;
          const fits = x + pad + ctx.measureText(text).width <= left + width;
          const w = ctx.measureText(text).width;
          const tx = fits ? x + pad : x - pad - w;
          const ty = top + (i % 3) * fontPx * 1.3 * devicePixelRatio + pad;
          ctx.textAlign = 'left';
          ctx.fillStyle = 'rgba(255, 255, 255, 0.9)'; // the label stays readable over a neighbour's line
          ctx.fillRect(tx - 2, ty - 1, w + 4, fontPx * 1.2 * devicePixelRatio);
          ctx.fillStyle = '#7c2d12';
          ctx.fillText(text, tx, ty);
        });
        ctx.restore();
      },
    },
  };
}

export interface LatencyChartProps {
  readonly deliveries: readonly DatagramDelivery[];
  readonly flows: readonly string[];
  readonly handoffs: readonly HandoffLoss[];
  /** The playhead, in virtual seconds: the time axis runs to it. */
  readonly nowS: number;
  readonly presentation: boolean;
}

export const LatencyChart = memo(function LatencyChart({ deliveries, flows, handoffs, nowS, presentation }: LatencyChartProps) {
  const markers = useRef<readonly HandoffMarker[]>([]);
  markers.current = handoffMarkers(handoffs);
  const end = useRef(nowS);
  end.current = nowS;
  const fontPx = presentation ? 20 : 12;
  const flowKey = flows.join('\u0000');
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => ({
    legend: { show: flowKey.includes('\u0000') }, // several flows: which colour is which (the caption names a lone one)
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (_u, min, max) => [0, Math.max(end.current, max ?? 0, min ?? 0, 1)] }, y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] } },
    axes: [
      { label: 'virtual time (s)', font: `${fontPx}px system-ui`, labelFont: `${fontPx}px system-ui`, size: fontPx * 3 },
      { label: 'latency (ms)', font: `${fontPx}px system-ui`, labelFont: `${fontPx}px system-ui`, size: fontPx * 4.5 },
    ],
    series: [
      { label: 'time (s)' },
      ...flowKey.split('\u0000').filter((f) => f !== '').map((f, i): uPlot.Series => ({
        label: f, stroke: FLOW_COLOURS[i % FLOW_COLOURS.length]!, width: 1.5, spanGaps: true, points: { show: true, size: presentation ? 9 : 5 },
        value: (_u, v) => (v === null ? '—' : `${v.toFixed(3)} ms`),
      })),
    ],
    plugins: [markerPlugin(markers, fontPx)],
  }), [flowKey, fontPx, presentation]);
  const data = useMemo((): uPlot.AlignedData => {
    const s = latencySeries(deliveries, flows);
    return [s.x, ...s.y];
  }, [deliveries, flows]);
  const caption = latencyCaption(deliveries, flows, handoffs);
  return (
    <figure className="stats-figure">
      <figcaption>{caption}</figcaption>
      {flows.length === 0 ? null : <UPlotChart options={options} data={data} height={presentation ? 360 : 240} />}
    </figure>
  );
});

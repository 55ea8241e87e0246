// Control overhead by message: a bar per message name, its height the octets
// sent on links, its label the number of transmissions. The caption says the
// same in words; the table beside it is the data.

import { memo, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { ControlOverhead } from '../../engine/metrics/run-metrics';
import { UPlotChart } from './UPlotChart';

export function controlCaption(c: ControlOverhead): string {
  const names = Object.keys(c.byMessage);
  if (names.length === 0) return 'Control overhead by message: no control message has been sent yet.';
  const times = (n: number) => `${n} transmission${n === 1 ? '' : 's'}`;
  const parts = names.map((n) => `${n}: ${times(c.byMessage[n] ?? 0)}, ${c.octetsByMessage[n] ?? 0} octets`);
  return `Control overhead by message, in octets sent on links: ${times(c.messages)}, ${c.octets} octets in all. ${parts.join('; ')}.`;
}

/** A message name in lines of about 14 characters, so the axis labels sit level and whole under their bars. */
export function wrapName(name: string, width = 14): string {
  const lines: string[] = [];
  for (const word of name.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

export const ControlChart = memo(function ControlChart({ control, presentation }: { readonly control: ControlOverhead; readonly presentation: boolean }) {
  const names = Object.keys(control.byMessage);
  const labels = useRef(names);
  labels.current = names;
  const fontPx = presentation ? 20 : 12;
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => ({
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: (_u) => [-0.5, Math.max(labels.current.length, 1) - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] } },
    axes: [
      {
        font: `${fontPx}px system-ui`, size: fontPx * 5.5, gap: 4,
        splits: () => labels.current.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => wrapName(labels.current[i] ?? '')),
      },
      { label: 'octets', font: `${fontPx}px system-ui`, labelFont: `${fontPx}px system-ui`, size: fontPx * 4.5 },
    ],
    series: [{}, { label: 'octets', fill: '#7c3aed', stroke: '#5b21b6', paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } }],
  }), [fontPx]);
  const data = useMemo((): uPlot.AlignedData => [names.map((_, i) => i), names.map((n) => control.octetsByMessage[n] ?? 0)], [names, control]);
  return (
    <figure className="stats-figure">
      <figcaption>{controlCaption(control)}</figcaption>
      {names.length === 0 ? null : <UPlotChart options={options} data={data} height={presentation ? 380 : 260} />}
    </figure>
  );
});

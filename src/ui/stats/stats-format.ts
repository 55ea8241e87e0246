// How the Statistics tab writes its numbers: fixed decimals, a dash for "no
// value yet", a share as a whole percentage.

import type { FlowFigures } from '../../engine/metrics/run-metrics';

export { encapsulationText } from '../../engine/metrics/figure-text';

export const fixed = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

export const share = (part: number, whole: number): string => (whole === 0 ? '—' : `${part} (${Math.round((100 * part) / whole)}%)`);

/** Lost with a traced cause (the rest of `lost` is still on its way). */
export const tracedLosses = (f: Pick<FlowFigures, 'lost' | 'inFlight'>): number => f.lost - f.inFlight;

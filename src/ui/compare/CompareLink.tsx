// The lab header's way to the compare page: the scenario open in the lab,
// compared in the first setting it supports (compare-link.ts). A learner's
// own file has no name a link could carry: the page then takes it from the
// lab itself.

import { isBuiltinId } from '../../scenarios/builtin/catalog';
import { useLab } from '../store/lab-store';
import { COMPARE_ROUTE } from './compare-link';

export function CompareLink() {
  const scenarioId = useLab((s) => s.scenarioId);
  // Presentation mode keeps the header to what a lecture uses, as it does with the packet decoder's link.
  const presentation = useLab((s) => s.presentation);
  if (presentation) return null;
  const href = scenarioId !== null && isBuiltinId(scenarioId) ? `${COMPARE_ROUTE}?scenario=${encodeURIComponent(scenarioId)}` : COMPARE_ROUTE;
  return <a href={href} title="Run this scenario twice, side by side, differing in one setting">Compare</a>;
}

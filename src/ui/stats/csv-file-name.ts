// The name a downloaded CSV file gets: the scenario and the playhead, so two
// downloads from the same run at different times do not overwrite each other.

/** "smooth-handoff-flows-at-12.5s.csv": letters, digits, dots and dashes only. */
export function csvFileName(scenario: string | null, what: string, nowMicros: number): string {
  const base = (scenario ?? 'run').replace(/^(file|lesson):/, '').replace(/\.json$/i, '').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${base}-${what}-at-${Number((nowMicros / 1e6).toFixed(3))}s.csv`;
}

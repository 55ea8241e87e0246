import { useId, useMemo } from 'react';
import { useLab } from '../store/lab-store';
import { commandText } from './command-text';
import { linkTitles } from './link-names';
import { timeText } from './time-text';

// Every command the learner sent, with the virtual time it took effect — the
// log a shared run replays (runtime/types.ts CommandLogEntry). After a seek
// backwards, a new command drops the later entries; the runtime reports that.

export function CommandLog() {
  const commands = useLab((s) => s.commands);
  const topology = useLab((s) => s.scenario?.topology);
  const linkTitle = useMemo(() => {
    const titles = topology === undefined ? new Map<string, string>() : linkTitles(topology);
    return (id: string): string => titles.get(id) ?? 'a link this scenario does not have'; // never the file's id
  }, [topology]);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Command log</h3>
      {commands.length === 0 ? (
        <p className="setting-wire">No command sent yet: moves, setting changes and link changes appear here.</p>
      ) : (
        <ol className="command-log" aria-label="Commands sent">
          {commands.map((c, i) => <li key={i}>{timeText(c.at)}: {commandText(c.command, linkTitle)}</li>)}
        </ol>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useLab } from '../store/lab-store';
import { LessonPickerButton } from '../lessons/LessonPicker';
import { formatRunLink } from './run-link';

// Header actions that belong to the whole lab rather than one panel: the
// lessons, presentation mode (larger type for a lecture hall), a link that replays this
// run (scenario + seed + the learner's commands), the packet decoder, and the
// References page every cited section links to.
export function LabHeaderActions() {
  const presentation = useLab((s) => s.presentation);
  const [copied, setCopied] = useState<string | null>(null);

  const copyLink = async (): Promise<void> => {
    const { scenarioId, runtime, commands } = useLab.getState();
    // A scenario from a file, or one a lesson carries inside it, has no id a link can name.
    if (scenarioId === null || runtime === null || scenarioId.startsWith('file:') || scenarioId.startsWith('lesson:')) {
      setCopied('Only built-in scenarios can be shared as a link.');
      return;
    }
    const url = `${window.location.origin}${window.location.pathname}${formatRunLink({ scenario: scenarioId, seed: runtime.seed, commands })}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied: it replays this run, your moves included.');
    } catch {
      setCopied(`Copy this link: ${url}`);
    }
  };

  return (
    <div className="lab-header-actions">
      <LessonPickerButton />
      <button type="button" aria-pressed={presentation} onClick={() => useLab.getState().setPresentation(!presentation)}>
        Presentation mode
      </button>
      <button type="button" onClick={() => void copyLink()}>Share run</button>
      <a href="#/decoder">Packet decoder</a>
      <a href="#/references">References</a>
      <span role="status" className="lab-header-status">{copied ?? ''}</span>
    </div>
  );
}

import { useState } from 'react';
import { useLab } from '../store/lab-store';
import { LessonPickerButton } from '../lessons/LessonPicker';
import { OpenCaptureButton } from '../capture/OpenCaptureButton';
import { SaveCaptureButton } from '../capture/SaveCaptureButton';
import { CompareLink } from '../compare/CompareLink';
import { runAddressParts } from './links/run-address';

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
    const { now, speed, status } = useLab.getState();
    // The same address the page keeps (links/run-address.ts): it opens at this moment of the run, at this speed.
    const { search, hash } = runAddressParts(scenarioId, runtime.seed, undefined, { commands, at: now, speed, playing: status === 'playing' });
    const url = `${window.location.origin}${window.location.pathname}${search}${hash}`;
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
      <a href="#/course">Course</a>
      <CompareLink />
      <button type="button" aria-pressed={presentation} onClick={() => useLab.getState().setPresentation(!presentation)}>
        Presentation mode
      </button>
      <button type="button" onClick={() => void copyLink()}>Share run</button>
      <SaveCaptureButton />
      <OpenCaptureButton />
      <a href="#/decoder">Packet decoder</a>
      <a href="#/references">References</a>
      <span role="status" className="lab-header-status">{copied ?? ''}</span>
    </div>
  );
}

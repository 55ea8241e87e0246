import { useState } from 'react';
import { rememberGreeted } from './lesson-progress';
import { openFirstLessonByChoice } from './open-lesson';
import { useModalDialog } from './use-modal-dialog';
import './lessons.css';

// A first visit (nothing in the browser's storage): what the lab is, and two
// ways in. Either choice — or Escape, which means "explore" — is remembered,
// so the greeting never comes back.

export function Greeting() {
  const [open, setOpen] = useState(true);
  const choose = (choice: 'lesson' | 'explore'): void => {
    rememberGreeted(choice);
    setOpen(false);
    if (choice === 'lesson') void openFirstLessonByChoice();
  };
  const ref = useModalDialog(open, () => {
    if (open) choose('explore');
  });
  return (
    <dialog ref={ref} className="lesson-dialog lesson-greeting" aria-labelledby="greeting-title" aria-describedby="greeting-text">
      <h2 id="greeting-title">Welcome to the Route Optimization Lab</h2>
      <div id="greeting-text">
        <p>
          This lab runs Mobile IP and its Route Optimization extension (Perkins &amp; Johnson) for real, in your browser: every
          arrow is a packet one node built and another decoded, and every table is what a node actually holds.
        </p>
        <p>Lessons take you through it in short steps: predict what will happen, act on the live network, and see the packets that prove it.</p>
      </div>
      <div className="lesson-greeting-choices">
        <button type="button" className="lesson-primary" autoFocus onClick={() => choose('lesson')}>Start the first lesson</button>
        <button type="button" onClick={() => choose('explore')}>Explore freely</button>
        <a href="#/course" onClick={() => rememberGreeted('explore')}>See the whole course</a>
      </div>
    </dialog>
  );
}

import { memo } from 'react';
import type { Check } from '../../lessons';
import { timeText } from '../controls/time-text';
import { CitedText } from '../references/CitedText';
import type { CheckView } from './step-view';

// The step's checks, live: each waits, then is done (with when, what was
// seen and a "Show me" that seeks to the packet or table change that proves
// it, selected in every view) or failed (with what was seen instead).

const MARK = { pending: '…', passed: '✓', failed: '✗' } as const;
const SPOKEN = { pending: 'Waiting', passed: 'Done', failed: 'Failed' } as const;

const CheckItem = memo(function CheckItem({ index, check, view, onShowMe }: {
  readonly index: number;
  readonly check: Check;
  readonly view: CheckView;
  readonly onShowMe: (check: number) => void;
}) {
  const canShow = view.state !== 'pending' && view.evidence !== undefined;
  return (
    <li className={`lesson-check lesson-check-${view.state}`}>
      <span className="lesson-check-mark" aria-hidden="true">{MARK[view.state]}</span>
      <div className="lesson-check-body">
        <span className="sr-only">{SPOKEN[view.state]}: </span>
        <span className="lesson-check-text"><CitedText text={check.text} /></span>
        <span className="lesson-check-detail">
          {view.state === 'pending' ? view.detail : `${view.state === 'passed' ? 'Done' : 'Failed'}${view.at === undefined ? '' : ` at ${timeText(view.at)}`}: ${view.detail}`}
          {view.remembered === true ? ' (seen earlier in this run)' : ''}
        </span>
        {!canShow ? null : (
          <button type="button" className="lesson-show-me" aria-label={`Show me: ${check.text}`} onClick={() => onShowMe(index)}>
            Show me
          </button>
        )}
      </div>
    </li>
  );
});

export const CheckList = memo(function CheckList({ checks, views, onShowMe }: {
  readonly checks: readonly Check[];
  readonly views: readonly CheckView[];
  readonly onShowMe: (check: number) => void;
}) {
  return (
    <ul className="lesson-checks" aria-label="Checks">
      {checks.map((check, i) => <CheckItem key={i} index={i} check={check} view={views[i]!} onShowMe={onShowMe} />)}
    </ul>
  );
});

import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { CitedText } from '../../references/CitedText';
import { useModalDialog } from '../use-modal-dialog';
import type { SummaryModel } from './summary-model';
import './report.css';

// The printable summary of a lab report: the lesson, each step's outcome,
// the learner's answers, each check with its time and what was seen, and the
// command log in words — the report's data, for a person. While it is open
// the page prints only it (report.css).

export function PrintableSummary({ model, onClose }: { readonly model: SummaryModel | null; readonly onClose: () => void }) {
  const ref = useModalDialog(model !== null, onClose);
  useEffect(() => {
    if (model === null) return;
    document.documentElement.classList.add('printing-report');
    return () => document.documentElement.classList.remove('printing-report');
  }, [model]);

  return createPortal(
    <div className="report-print-root">
      <dialog ref={ref} className="report-summary" aria-labelledby="report-summary-title">
        {model === null ? null : (
          <>
            <div className="report-summary-actions">
              <button type="button" className="lesson-primary" onClick={() => window.print()}>Print</button>
              <button type="button" onClick={onClose}>Close</button>
            </div>
            <h2 id="report-summary-title">Lab report: {model.title}</h2>
            <p className="report-summary-sections"><CitedText text={model.sections} /></p>
            <dl className="report-summary-facts">
              {model.facts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
            </dl>
            <ol className="report-summary-steps">
              {model.steps.map((s, k) => (
                <li key={k}>
                  <h3>{s.title} — <span className={`report-outcome report-outcome-${s.outcome.split(' ')[0]}`}>{s.outcome}</span></h3>
                  {s.prediction === undefined ? null : (
                    <p className="report-summary-prediction">Prediction: {s.prediction.question} <strong>{s.prediction.answer}</strong> ({s.prediction.verdict})</p>
                  )}
                  <ul>
                    {s.checks.map((c, j) => <li key={j}><strong>{c.outcome}</strong>: {c.text} <span className="report-detail">— {c.detail}</span></li>)}
                  </ul>
                </li>
              ))}
            </ol>
            <h3>What was done</h3>
            {model.commands.length === 0 ? <p>No command: the network ran as the scenario has it.</p> : (
              <ol className="report-summary-commands">
                {model.commands.map((c, i) => <li key={i}><span className="report-time">{c.at}</span> <span>{c.words}</span></li>)}
              </ol>
            )}
          </>
        )}
      </dialog>
    </div>,
    document.body,
  );
}

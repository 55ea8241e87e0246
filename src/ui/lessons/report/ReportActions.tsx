import { memo, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { reportFileName } from '../../../lessons/report/index';
import { downloadFile } from '../../download-file';
import { pageReport } from './page-report';
import { PrintableSummary } from './PrintableSummary';
import { summaryModel, type SummaryModel } from './summary-model';

// "Download report" and "Printable summary": the learner's run as it stands,
// as a lab report file a grader checks with `mip-lab check`, or as a page a
// person reads — one click each, the same data (docs/lessons.md "Lab reports").

export const ReportActions = memo(function ReportActions({ className }: { readonly className?: string }) {
  const [summary, setSummary] = useState<SummaryModel | null>(null);
  const download = (): void => {
    const report = pageReport(useLab.getState(), new Date());
    if (report !== null) downloadFile(reportFileName(report), `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  };
  const print = (): void => {
    const state = useLab.getState();
    const report = pageReport(state, new Date());
    if (report !== null && state.lesson !== null) setSummary(summaryModel(report, state.lesson.loaded));
  };
  return (
    <span className={className ?? 'report-actions'} role="group" aria-label="Lab report">
      <button type="button" onClick={download}>Download report</button>
      <button type="button" onClick={print}>Printable summary</button>
      <PrintableSummary model={summary} onClose={() => setSummary(null)} />
    </span>
  );
});

// Saving a report as a file: a Blob and a link the browser downloads, named
// after the lesson and the day (reportFileName).

import { reportFileName, type LabReport } from '../../../lessons/report/index';

export function downloadReport(report: LabReport): void {
  const blob = new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = reportFileName(report);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own reference to the Blob once started; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

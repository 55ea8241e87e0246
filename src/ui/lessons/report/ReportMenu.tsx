import { memo } from 'react';
import { ReportActions } from './ReportActions';

// The lesson head's "Report" menu: the lab report of the run so far, at any
// step (the end of a lesson offers the same buttons in the open).

export const ReportMenu = memo(function ReportMenu() {
  return (
    <details className="report-menu">
      <summary>Report</summary>
      <ReportActions className="report-menu-items" />
    </details>
  );
});

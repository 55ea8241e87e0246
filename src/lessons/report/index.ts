// Lab reports (docs/lessons.md "Lab reports"): the format, making one from a
// lesson run, and checking one by replaying it.

export { REPORT_FORMAT, reportSchema, type LabReport, type StepClaim, type CheckClaim, type AnswerClaim } from './schema';
export { buildReport, reportFileName, type ReportInput } from './build';
export { parseReport, parseReportText, type ReportResult } from './parse';
export { checkReportText, type ReportCheck } from './check';
export { verifyReport, type ReportVerdict } from './verify';
export { isRightAnswer, answerInWords, rightAnswerInWords } from './answers';
export { lessonHash, canonicalJson } from './identity';
export { LAB_VERSION } from './lab-version';
export { referenceReport, type ReferenceReport } from './reference';
export { timeInWords } from './words';

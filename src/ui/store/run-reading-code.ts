// The run-reading code itself (run-reading.ts says why it is apart): importing
// this module installs it. The code that starts a runtime for a store imports
// it statically, so it arrives in the same fetch and is in place before the
// runtime's first batch.

import { RunMetricsAccumulator } from '../../engine/metrics/run-metrics';
import { classifyPacket } from '../../engine/wire/classify';
import { LessonEvaluator } from '../../lessons/evaluate/evaluator';
import { installRunReading } from './run-reading';

installRunReading({ classifyPacket, RunMetricsAccumulator, LessonEvaluator });

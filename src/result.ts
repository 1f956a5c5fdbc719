// The shape of a finished run (RunResult, the stable result JSON) and of the live snapshot the UI
// pulls while a run is going, one concern a file in result/. Types only: the runner and the targets
// produce these, ui/ and report/ read them.
export type * from './result/latency.js';
export type * from './result/measures.js';
export type * from './result/sql.js';
export type * from './result/write-behind.js';
export type * from './result/run-result.js';
export type * from './result/verdicts.js';
export type * from './result/live.js';
export type * from './result/baseline.js';
export type * from './result/explore.js';

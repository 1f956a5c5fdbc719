// The target file: the JSON with which a user describes their own ticket service (how to set a
// sale up, buy, cancel, classify the replies and read the stores back) so that ticketsim can drive
// it over HTTP. Loading, validation and template expansion only: nothing here sends a request or
// touches a store. One concern a file; this barrel is what the rest of ticketsim imports.
export { loadTargetFile, parseTargetFile } from './load.js';
export { validateTargetFile } from './validate.js';
export { classify, matchingRule } from './classify.js';
export type { HttpReply } from './classify.js';
export { expandRequest, expandSource, expandStep, saleId, userId } from './calls.js';
export type { HttpCall, SourceCall, StepCall } from './calls.js';
export { expandForm, expandJson, expandPath, expandPattern, expandQuery, expandRedis, expandText } from './expand.js';
export { expandSql } from './sql.js';
export type { BoundSql } from './sql.js';
export { PLACEHOLDERS } from './template.js';
export type { PlaceholderName, TemplateVars } from './template.js';
export { resolvePointer } from './json-pointer.js';
export { missingFor, SCENARIO_NEEDS } from './scenario-needs.js';
export type { ScenarioNeed } from './scenario-needs.js';
export { nonLoopback } from './remote.js';
export { FIELDS, TARGET_DEFAULTS, TARGET_LIMITS } from './fields.js';
export { CANCEL_OUTCOMES, HTTP_METHODS, OUTCOMES, PURCHASE_OUTCOMES } from './types.js';
export type * from './types.js';
export { ruleText } from './rule-text.js';

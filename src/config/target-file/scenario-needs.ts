// What each scenario needs of a target file beyond what every file has: cancel-storm cancels, so
// it needs `cancel`; write-behind waits for the service to write behind, so it needs `drain`.
import type { ScenarioName } from '../defaults.js';
import type { TargetFile } from './types.js';

/** A field a scenario needs, and why, in the words a problem line uses. */
export interface ScenarioNeed {
  field: 'cancel' | 'drain';
  why: string;
}

/** The optional fields of a target file each scenario needs. */
export const SCENARIO_NEEDS: Readonly<Record<ScenarioName, readonly ScenarioNeed[]>> = {
  oversell: [],
  spam: [],
  'cancel-storm': [{ field: 'cancel', why: 'cancels purchases: describe the cancel request and the outcomes of its replies' }],
  'write-behind': [
    {
      field: 'drain',
      why: 'reads the stores back only once the service has written behind: say how long to wait for them to settle, e.g. { "timeoutMs": 30000, "settleMs": 1000 }',
    },
  ],
};

/**
 * The fields `scenario` needs that `file` lacks, one problem line each
 * (`cancel: needed by cancel-storm, which cancels purchases: …`); empty when it can run.
 */
export function missingFor(file: Pick<TargetFile, 'cancel' | 'drain'>, scenario: ScenarioName): string[] {
  return SCENARIO_NEEDS[scenario].filter(({ field }) => file[field] === undefined).map(({ field, why }) => `${field}: needed by ${scenario}, which ${why}`);
}

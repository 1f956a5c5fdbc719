// The report's Parameters section: the scenario and the engine axes, then every workload option
// the run applied (its `params.options`), each labelled and shown as its entry of the options
// table says, in the table's order, with the attempts the workload made after the workload's own.
import type { RunResult } from '../result.js';
import type { OptionGroup, WorkloadOption } from '../config/workload-option.js';
import { OPTION_KEYS, optionOf } from '../config/workload-options.js';
import { capitalize, formatCount, formatDuration, formatPercent, formatRate } from './format.js';
import { mdTable } from './md-table.js';

/** One option's value as the report shows it; undefined when it is unset and unset means nothing to show. */
export function shownValue(option: WorkloadOption, value: number | boolean | null): string | undefined {
  if (value === null) return option.unset;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (option.kind.type === 'fraction') return formatPercent(value);
  switch (option.unit) {
    case 'ms':
      return formatDuration(value);
    case 's':
      return formatDuration(value * 1000);
    case '/s':
      return formatRate(value);
    case 'id':
      return String(value);
    case undefined:
      return formatCount(value);
  }
}

/** The rows of one group's options the run applied (not the engine's own on a --target run): label and shown value. */
function groupRows(result: RunResult, group: OptionGroup): [string, string][] {
  const { options } = result.params;
  return OPTION_KEYS.flatMap((key): [string, string][] => {
    const option = optionOf(key);
    const value = options[key];
    const applies = result.target === undefined || option.engineOnly !== true;
    const shown = option.group === group && applies && value !== undefined ? shownValue(option, value) : undefined;
    return shown === undefined ? [] : [[capitalize(option.label), shown]];
  });
}

/** Every parameter of the run as label and value, in the order the section lists them. */
export function parameterRows(result: RunResult): [string, string][] {
  const { params } = result;
  // A --target run's service has no engine axes: its file is what it is.
  const axes: [string, string][] = result.target === undefined ? [['Strategy', result.strategy], ['Write', params.write]] : [['Target', `${result.target.name} (${result.target.file})`]];
  return [
    ['Scenario', result.scenario],
    ...axes,
    ...groupRows(result, 'workload'),
    ['Attempts', formatCount(params.attempts)],
    ...groupRows(result, 'running'),
    // The engine's write-behind path: a target's own drain is in its Target section.
    ...(result.target === undefined ? groupRows(result, 'behind') : []),
  ];
}

/** The Parameters section: a table of parameter and value. */
export function parametersSection(result: RunResult): string {
  return mdTable(['Parameter', 'Value'], parameterRows(result));
}

// One run as a JUnit test suite: each check (invariant, threshold or baseline limit: its kind) a test case,
// a failed check a failure whose message is its detail, a skipped one skipped with its reason, and
// a run that proved nothing (its data not read back) or was stopped an error case; the run's
// parameters as properties, its wall time as the suite's time. A pure function of the RunResult.
import type { CheckResult, RunResult } from '../../result.js';
import type { JunitCase, JunitOutcome, JunitSuite } from './junit-xml.js';

/** How a comparison sees the run: its label and whether --expect-fail lists it. */
export interface SuiteContext {
  /** `lua`, or `lua · behind` when write modes are compared; default: the target's name or the strategy. */
  label?: string;
  /** Listed in --expect-fail: failed checks stay failures, and the suite and their messages say so. */
  expectedToFail?: boolean;
}

/** The name of the case that stands for the run itself when it was stopped or proved nothing. */
export const RUN_CASE = 'run-completed';

/** The run as a suite named `ticketsim <scenario> · <label>`. */
export function runSuite(result: RunResult, context: SuiteContext = {}): JunitSuite {
  const label = context.label ?? subjectOf(result);
  const classname = classnameOf(result, label.split(' · '));
  const cases = result.checks.map((check) => checkCase(check, classname, context.expectedToFail ?? false));
  const runCase = runErrorCase(result, classname);
  if (runCase !== undefined) cases.push(runCase);
  if (context.expectedToFail && result.inconclusive === undefined) cases.push(expectFailCase(result, classname));
  return { name: `ticketsim ${result.scenario} · ${label}`, startedAt: result.startedAt, seconds: result.wallMs / 1000, properties: propertiesOf(result, context), cases };
}

/** What the run drove: the service's name (--target) or the strategy. */
function subjectOf(result: RunResult): string {
  return result.target?.name ?? result.strategy;
}

/** `ticketsim.oversell.lua` (`ticketsim.oversell.lua.behind` for `lua · behind`): dot-separated parts, each kept to letters, digits, `_` and `-`. */
function classnameOf(result: RunResult, parts: readonly string[]): string {
  return ['ticketsim', result.scenario, ...parts].map((part) => part.replaceAll(/[^A-Za-z0-9_-]+/g, '_')).join('.');
}

function checkCase(check: CheckResult, classname: string, expectedToFail: boolean): JunitCase {
  const { kind } = check;
  return { classname: kind === undefined ? classname : `${classname}.${kind}`, name: check.name, seconds: 0, outcome: checkOutcome(check, kind, expectedToFail) };
}

function checkOutcome(check: CheckResult, kind: string | undefined, expectedToFail: boolean): JunitOutcome {
  if (check.skipped !== undefined) return { kind: 'skipped', message: check.skipped };
  if (check.ok) return { kind: 'passed' };
  const body = [`expected: ${check.expected}`, `observed: ${check.observed}`, ...(check.reads === undefined ? [] : [`read: ${check.reads.join(', ')}`])];
  return {
    kind: 'failure',
    type: kind ?? 'check',
    message: expectedToFail ? `${check.detail} (this run was expected to fail: --expect-fail)` : check.detail,
    body: body.join('\n'),
  };
}

/** An error case when the run proved nothing (its data could not be read back) or was stopped before it ended. */
function runErrorCase(result: RunResult, classname: string): JunitCase | undefined {
  const error = (type: string, message: string): JunitCase => ({ classname, name: RUN_CASE, seconds: result.wallMs / 1000, outcome: { kind: 'error', type, message } });
  if (result.inconclusive !== undefined) return error('inconclusive', `inconclusive: ${result.inconclusive}`);
  if (result.interrupted) return error('interrupted', `stopped before the end: ${result.counts.notStarted} attempts not started; the checks ran on what happened`);
  return undefined;
}

/** For a run listed in --expect-fail: passes when a check failed, fails when every check held. */
function expectFailCase(result: RunResult, classname: string): JunitCase {
  const failed = result.checks.some((check) => !check.ok && check.skipped === undefined);
  const outcome: JunitOutcome = failed
    ? { kind: 'passed' }
    : { kind: 'failure', type: 'expect-fail', message: 'expected to fail a check (--expect-fail), but none failed', body: '' };
  return { classname, name: 'expected-to-fail', seconds: 0, outcome };
}

/** The run's parameters: what it drove and how, and the command that reproduces it. */
function propertiesOf(result: RunResult, context: SuiteContext): [string, string][] {
  const properties: [string, string][] = [
    ['scenario', result.scenario],
    [result.target === undefined ? 'strategy' : 'target', subjectOf(result)],
    ['write', result.params.write],
    ['users', String(result.params.users)],
    ['stock', String(result.params.stock)],
    ['infra', result.infra],
    ['runId', result.runId],
    ['seed', String(result.seed)],
    ['reproduce', result.command],
  ];
  if (context.expectedToFail) properties.push(['expected-to-fail', 'true']);
  return properties;
}

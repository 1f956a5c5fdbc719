// JUnit XML from suite plans, built by junit-report-builder, then fitted to the common JUnit schema
// (Windy Road's JUnit.xsd, test/fixtures/junit/) that CI test viewers read: what the library leaves
// out (hostname; package and id inside <testsuites>; the <system-out>/<system-err> a suite must end
// with; a skipped case's message) is added on the library's own element tree, and the counts it puts
// on <testsuites>, which that schema does not allow, are left off by building that root here.
import junitModule from 'junit-report-builder';
import type { Builder, TestCase, TestSuite } from 'junit-report-builder';
import xmlbuilder from 'xmlbuilder';

// The package is CommonJS (`module.exports = builder`) typed as an ES default export: imported from
// ESM, the default is the builder itself, not an object holding it.
const junit = junitModule as unknown as Builder;

/** How one test case ended: passed, failed (a check), skipped (with why), or errored (the run proved nothing). */
export type JunitOutcome =
  | { kind: 'passed' }
  | { kind: 'failure'; type: string; message: string; body: string }
  | { kind: 'skipped'; message: string }
  | { kind: 'error'; type: string; message: string };

/** One <testcase>. */
export interface JunitCase {
  classname: string;
  name: string;
  seconds: number;
  outcome: JunitOutcome;
}

/** One <testsuite>: its name, when it started, how long it took, its properties and cases. */
export interface JunitSuite {
  name: string;
  startedAt: string;
  seconds: number;
  properties: readonly (readonly [string, string])[];
  cases: readonly JunitCase[];
}

/** Where the suites ran, for the schema's required `hostname`. */
export interface JunitMeta {
  hostname: string;
}

type XmlElement = xmlbuilder.XMLElement;

/** Options of the document's root, as junit-report-builder creates its own: characters XML cannot carry are dropped. */
const DOCUMENT = { encoding: 'UTF-8', invalidCharReplacement: '' } as const;

/** A document whose root is one <testsuite> (a run, the selftest). */
export function renderSuite(suite: JunitSuite, meta: JunitMeta): string {
  const element = librarySuite(suite).build();
  fitSuite(element, suite, meta);
  return element.end({ pretty: true });
}

/** A document whose root is <testsuites>, one <testsuite> each (a comparison); ids count from 0. */
export function renderSuites(suites: readonly JunitSuite[], meta: JunitMeta): string {
  const root = xmlbuilder.create('testsuites', DOCUMENT);
  for (const [id, suite] of suites.entries()) {
    const element = librarySuite(suite).build(root);
    fitSuite(element, suite, meta);
    element.att('package', suite.name).att('id', id);
  }
  return root.end({ pretty: true });
}

/** The suite as junit-report-builder models it: counts, properties, cases and their outcomes. */
function librarySuite(suite: JunitSuite): TestSuite {
  const built = junit.newBuilder().testSuite().name(suite.name).timestamp(schemaTimestamp(suite.startedAt)).time(suite.seconds);
  for (const [name, value] of suite.properties) built.property(name, value);
  for (const plan of suite.cases) withOutcome(built.testCase().className(plan.classname).name(plan.name).time(plan.seconds), plan.outcome);
  return built;
}

function withOutcome(testCase: TestCase, outcome: JunitOutcome): void {
  if (outcome.kind === 'failure') testCase.failure(outcome.message, outcome.type).stacktrace(outcome.body);
  else if (outcome.kind === 'skipped') testCase.skipped();
  else if (outcome.kind === 'error') testCase.error(outcome.message, outcome.type);
}

/** Adds what the schema requires and the library does not write: hostname, skipped messages, the closing output elements. */
function fitSuite(element: XmlElement, suite: JunitSuite, meta: JunitMeta): void {
  element.att('hostname', meta.hostname);
  for (const [i, testCase] of childrenNamed(element, 'testcase').entries()) {
    const outcome = suite.cases[i]?.outcome;
    if (outcome?.kind === 'skipped') for (const skipped of childrenNamed(testCase, 'skipped')) skipped.att('message', outcome.message);
  }
  element.ele('system-out');
  element.ele('system-err');
}

/** The child elements called `name`, in order. */
function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => (child as Partial<XmlElement>).name === name) as XmlElement[];
}

/** `2025-03-14T09:26:53` (UTC): the schema's timestamp takes no zone and no fraction. */
export function schemaTimestamp(iso: string): string {
  const date = new Date(iso);
  return (Number.isNaN(date.getTime()) ? new Date(0) : date).toISOString().slice(0, 19);
}

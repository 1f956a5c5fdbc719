// Every fault is defined in each layer that must know it, since the import rules keep the layers
// apart: the config (its options and their defaults, the runs it applies to, its words for the
// menu), the nemesis (how it is carried out, its summary) and the report (why a strategy held or
// broke under it). Adding a fault is a definition in each; this test names the piece that is missing.
import { describe, expect, it } from 'vitest';
import { FAULTS, FAULT_DEFINITIONS, defaultFault, formatFault, notApplicable, parseFaults } from '../src/config/faults.js';
import type { FaultContext, FaultName, FaultSpec } from '../src/config/faults.js';
import { FAULT_VERDICTS } from '../src/report/fault-verdicts.js';
import { passingResult } from '../src/report/fixtures.js';
import { NEMESIS_FAULTS, nemesisFaultOf } from '../src/scenarios/faults/catalogue.js';
import type { FaultHandle, FaultReach } from '../src/scenarios/faults/nemesis-fault.js';

/** A run every fault applies to: a lock to stall, and a write-behind path to break. */
const EVERY_FAULT: FaultContext = { scenario: 'oversell', strategy: 'lock', write: 'behind' };

/** Everything a fault may act on, doing nothing. */
const REACH: FaultReach = {
  behind: { pending: async () => 0, killWorker: async () => ({ killed: 'w', behind: 0 }), rewind: async () => 0 },
  switches: { kafka: { describe: 'a broker', stop: async () => undefined, start: async () => undefined } },
};

/** A handle over nothing: arming a fault with it shows what the fault would do. */
function handleOf<S extends FaultSpec>(spec: S): FaultHandle<S> {
  return {
    spec,
    fired: 0,
    halted: false,
    sinceRelease: () => 0,
    pause: async () => undefined,
    until: async () => undefined,
    record: () => undefined,
    note: () => undefined,
    skip: () => undefined,
    summarize: () => undefined,
  };
}

describe('the fault registry', () => {
  it('knows each fault in every layer, and no other', () => {
    expect(FAULTS.length).toBeGreaterThan(0);
    expect(new Set(Object.keys(NEMESIS_FAULTS))).toEqual(new Set(FAULTS));
    expect(new Set(Object.keys(FAULT_VERDICTS))).toEqual(new Set(FAULTS));
  });

  it.each(FAULTS)('%s: named and described for the menu, its options keyed once each', (name: FaultName) => {
    const definition = FAULT_DEFINITIONS[name];
    expect(definition.name).toBe(name);
    expect(definition.tag).toMatch(/\w/);
    const keys = Object.values(definition.options).map((option) => option.key);
    expect(keys.every((key) => /^[a-z]+$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(FAULTS)('%s: a bare name takes every default, and the defaults read back as given', (name: FaultName) => {
    const problems: string[] = [];
    expect(parseFaults([name], EVERY_FAULT, problems)).toEqual([defaultFault(name)]);
    expect(parseFaults([formatFault(defaultFault(name))], EVERY_FAULT, problems)).toEqual([defaultFault(name)]);
    expect(problems).toEqual([]);
    expect(notApplicable(defaultFault(name), EVERY_FAULT)).toBeUndefined();
  });

  it.each(FAULTS)('%s: the nemesis arms it with something to do, and can say what it did', (name: FaultName) => {
    const spec = defaultFault(name);
    const armed = nemesisFaultOf(spec).arm(handleOf(spec), REACH);
    expect([armed.engine, armed.timed, armed.afterDrain].some((hook) => hook !== undefined)).toBe(true);
    for (const fired of [0, 1, 2]) expect(nemesisFaultOf(spec).summary(spec, fired)).toMatch(/\w/);
  });

  it.each(FAULTS)('%s: the report has its verdict (words or, deliberately, none)', (name: FaultName) => {
    const record = { name, spec: formatFault(defaultFault(name)), fired: 1, events: [], summary: '' };
    const verdict = FAULT_VERDICTS[name]!({ ...passingResult, faults: [record] }, record);
    expect(verdict === undefined || /\w/.test(verdict)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { buildConfig } from './config.js';
import { formatFault, parseFaults } from './faults.js';
import type { FaultContext } from './faults.js';

const lockSync: FaultContext = { scenario: 'oversell', strategy: 'lock', write: 'sync' };
const behind: FaultContext = { scenario: 'write-behind', strategy: 'lua', write: 'behind' };

function parse(given: string[], context: FaultContext = lockSync) {
  const problems: string[] = [];
  const faults = parseFaults(given, context, problems);
  return { faults, problems };
}

describe('parseFaults', () => {
  it('defaults every option of a bare fault name', () => {
    expect(parse(['pause-holder']).faults).toEqual([{ name: 'pause-holder', holders: 2, pauseMs: 3000 }]);
    expect(parse(['kill-worker', 'redeliver'], behind).faults).toEqual([
      { name: 'kill-worker', times: 2, afterMs: 200, everyMs: 400 },
      { name: 'redeliver', times: 1 },
    ]);
  });

  it('reads key=value options with durations in ms or s', () => {
    expect(parse(['pause-holder:holders=1,pause=2.5s']).faults).toEqual([{ name: 'pause-holder', holders: 1, pauseMs: 2500 }]);
    expect(parse(['service-down:after=500ms,for=3s'], behind).faults).toEqual([{ name: 'service-down', service: 'kafka', afterMs: 500, forMs: 3000 }]);
  });

  it('gives each fault back as a command line would', () => {
    for (const text of ['pause-holder:holders=1,pause=2500ms', 'kill-worker:times=3,after=1s,every=250ms', 'service-down:service=kafka,after=1s,for=5s']) {
      const [fault] = parse([text], behind.strategy === 'lua' && text.startsWith('pause') ? lockSync : behind).faults;
      expect(formatFault(fault!)).toBe(text);
    }
  });

  it('refuses unknown faults, unknown options, bad values and repeats, each by name', () => {
    const { problems } = parse(['nap', 'pause-holder:holders=0,nap=1', 'pause-holder', 'kill-worker:every=fast']);
    expect(problems).toEqual([
      '--fault "nap" is not one of pause-holder, kill-worker, redeliver, service-down',
      '--fault pause-holder: holders must be a whole number from 1 to 100 (got 0)',
      '--fault pause-holder has no option "nap" (holders=2, pause=3s)',
      '--fault pause-holder is given twice; give it once with the options you want',
      '--fault kill-worker: every must be a duration such as 500ms or 2s, at least 50 ms and at most an hour (got fast)',
      '--fault kill-worker needs the write-behind path (the write-behind scenario, or --write behind)',
    ]);
  });

  it('names the fault or option a typo meant', () => {
    expect(parse(['pause-holders', 'pause-holder:holder=1']).problems).toEqual([
      '--fault "pause-holders" is not one of pause-holder, kill-worker, redeliver, service-down; did you mean pause-holder?',
      '--fault pause-holder has no option "holder" (holders=2, pause=3s); did you mean holders?',
    ]);
  });

  it('refuses a fault that cannot apply to the run, unless lenient (compare skips it there)', () => {
    expect(parse(['pause-holder'], behind).problems).toEqual([
      '--fault pause-holder pauses lock holders, and --strategy lua takes no lock (use lock, precheck, dcl, fenced)',
    ]);
    expect(parse(['pause-holder'], { ...behind, lenient: true })).toEqual({ faults: [{ name: 'pause-holder', holders: 2, pauseMs: 3000 }], problems: [] });
  });

  it('never stops a service the machine owns', () => {
    expect(parse(['service-down:service=redis'], behind).problems).toEqual([
      '--fault service-down stops only a service ticketsim started itself (the Kafka broker of scripts/services.sh); redis belongs to the machine and is never stopped',
    ]);
  });

  it('reaches the run config from --fault', () => {
    const { config } = buildConfig({ scenario: 'oversell', strategy: 'dcl', fault: ['pause-holder:holders=1'] }, {});
    expect(config?.run.faults).toEqual([{ name: 'pause-holder', holders: 1, pauseMs: 3000 }]);
    expect(config?.run.plants).toEqual([]);
  });
});

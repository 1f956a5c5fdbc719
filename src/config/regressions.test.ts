// --max-regression: each kind of key parsed, and every malformed spec refused with a reason; and
// the baseline flags through loadConfig: an unreadable, non-JSON, foreign or other-scenario file,
// or --max-regression alone, is a problem before any load.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig } from './config.js';
import { parseLimit, parseMaxRegression } from './regressions.js';
import type { RegressionContext } from './regressions.js';

const OVERSELL: RegressionContext = { scenario: 'oversell', write: 'sync' };
const BEHIND: RegressionContext = { scenario: 'write-behind', write: 'behind' };

describe('parseMaxRegression', () => {
  it('reads each kind of key, percents as shares', () => {
    expect(parseMaxRegression('p99=20%, throughput=10%,purchase.p99.9=5.5%,errors.rate=0.5%', OVERSELL, [])).toEqual([
      { text: 'p99=20%', key: 'p99', metric: { kind: 'latency', operation: undefined, stat: 'p99' }, allowed: 0.2 },
      { text: 'throughput=10%', key: 'throughput', metric: { kind: 'throughput' }, allowed: 0.1 },
      { text: 'purchase.p99.9=5.5%', key: 'purchase.p99.9', metric: { kind: 'latency', operation: 'purchase', stat: 'p99.9' }, allowed: 0.055 },
      { text: 'errors.rate=0.5%', key: 'errors.rate', metric: { kind: 'errors' }, allowed: 0.005 },
    ]);
    expect(parseLimit('lag.p99=30%', BEHIND)).toMatchObject({ metric: { kind: 'lag', stat: 'p99' }, allowed: 0.3 });
  });

  it.each([
    ['p99', 'not a limit like p99=20%,throughput=10%'],
    ['p99=20', 'p99=20: a limit is a percent, e.g. p99=20%'],
    ['p98=20%', 'p98 is not a figure'],
    ['min=20%', 'min is not a figure'],
    ['cancel.p99=20%', 'the oversell scenario performs no cancel; its operations: purchase'],
    ['lag.p99=20%', 'lag is measured only when the run writes behind (--write behind)'],
  ])('refuses %j', (spec, reason) => {
    const problems: string[] = [];
    parseMaxRegression(spec, OVERSELL, problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`--max-regression ${JSON.stringify(spec)}: ${reason}`);
  });

  it('refuses a key given twice', () => {
    const problems: string[] = [];
    parseMaxRegression('p99=20%,p99=30%', OVERSELL, problems);
    expect(problems).toEqual(['--max-regression "p99=20%,p99=30%": p99 is given twice']);
  });
});

describe('--baseline and --max-regression in the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ticketsim-baseline-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const result = { runId: 'r1', scenario: 'oversell', strategy: 'lua', infra: 'memory', params: { users: 10, stock: 1, write: 'sync' }, latency: {}, throughput: 5, counts: { attempts: 10, errors: 0 } };
  const problemsOf = (flags: Record<string, unknown>) => buildConfig({ scenario: 'oversell', ...flags }, {}).problems;

  it('keeps a baseline and its limits', () => {
    const { config } = buildConfig({ scenario: 'oversell', baseline: file('ok.json', JSON.stringify(result)), maxRegression: 'p99=20%' }, {});
    expect(config?.run.baseline).toMatchObject({ run: { runId: 'r1', throughput: 5 }, limits: [{ key: 'p99' }] });
  });

  it.each([
    ['an unreadable file', { baseline: join(dir, 'absent.json') }, /^--baseline .*absent\.json: cannot read it \(ENOENT\)$/],
    ['a file that is not JSON', { baseline: file('text.json', 'p99 was fine') }, /: not JSON; give the output of ticketsim run … --json or ticketsim compare … --json$/],
    ['JSON that is no result', { baseline: file('other.json', '{"runs": []}') }, /: not a ticketsim result \(no runId, latency or throughput\)/],
    ['a run of another scenario', { baseline: file('spam.json', JSON.stringify({ ...result, scenario: 'spam' })) }, /: a run of spam, not oversell; compare a scenario with itself$/],
    ['--max-regression alone', { maxRegression: 'p99=20%' }, /^--max-regression needs --baseline FILE/],
  ])('refuses %s', (_, flags, problem) => {
    const problems = problemsOf(flags);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });
});

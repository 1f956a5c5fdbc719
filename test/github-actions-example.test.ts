// The GitHub Actions example (examples/ci/github-actions.yml) is a file nobody runs here, so this
// test is what keeps it working: it must pass GitHub's workflow schema (the SchemaStore
// github-workflow schema that @action-validator/core embeds), a copy with one planted defect must
// not, it must run the four gates of .ci/run with the same flags plus a report, a threshold and a
// JUnit file each, keep those files whatever happened, and start the services the way
// docker-compose.yml does.
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import type { ValidationError } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const EXAMPLE = 'examples/ci/github-actions.yml';
const SCENARIOS = ['oversell', 'spam', 'cancel-storm', 'write-behind'] as const;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Service {
  image: string;
  env?: Record<string, unknown>;
  ports?: string[];
  options?: string;
}
interface Job {
  'runs-on'?: string;
  services: Record<string, Service>;
  env: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const source = readFileSync(EXAMPLE, 'utf8');
const workflow = parse(source) as Workflow;
const job = workflow.jobs['gates'] as Job;

/** Every error the validator reported, the nested ones of a failed oneOf included. */
function allErrors(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => [error, ...('states' in error && error.states ? error.states.flatMap((state) => allErrors(state.errors)) : [])]);
}

/** The example with one change made to its parsed form, as YAML again. */
function planted(change: (copy: Workflow) => void): string {
  const copy = parse(source) as Workflow;
  change(copy);
  return stringify(copy);
}

/** A step's command on one line (the gates are folded YAML; .ci/run's are one line each). */
function oneLine(command: string): string {
  return command.replace(/\s+/g, ' ').trim();
}

/** The gate step that runs `ticketsim run <scenario>`. */
function gate(scenario: string): Step & { run: string } {
  const found = job.steps.filter((step) => step.run !== undefined && oneLine(step.run).startsWith(`./bin/ticketsim run ${scenario} `));
  expect(found, `one step runs ${scenario}`).toHaveLength(1);
  return found[0] as Step & { run: string };
}

/** .ci/run's gate command for a scenario: `./bin/ticketsim run <scenario> …` on its own line. */
function ciGate(scenario: string): string {
  const lines = readFileSync('.ci/run', 'utf8').split('\n').map((line) => line.trim());
  const found = lines.filter((line) => line.startsWith(`./bin/ticketsim run ${scenario} `));
  expect(found.length, `.ci/run runs ${scenario}`).toBeGreaterThan(0);
  return found[0] as string;
}

describe('the GitHub Actions example against the workflow schema', () => {
  it('is a valid workflow', () => {
    const result = validateWorkflow(source);
    expect(result.actionType).toBe('workflow');
    expect(result.errors).toEqual([]);
  });

  it('fails with a step that has both uses and run', () => {
    const broken = planted((copy) => {
      const checkout = (copy.jobs['gates'] as Job).steps[0] as Step;
      checkout.run = 'echo both';
    });
    const errors = allErrors(validateWorkflow(broken).errors);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((error) => 'path' in error && error.path === '/jobs/gates/steps/0')).toBe(true);
  });

  it('fails without runs-on', () => {
    const broken = planted((copy) => {
      delete (copy.jobs['gates'] as Job)['runs-on'];
    });
    const errors = allErrors(validateWorkflow(broken).errors);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'required', path: '/jobs/gates/runs-on' }));
  });

  it('fails when it is not YAML at all', () => {
    expect(validateWorkflow('jobs: [unclosed').errors.length).toBeGreaterThan(0);
  });
});

describe('what the GitHub Actions example runs', () => {
  it('runs on push and pull_request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('installs with Node 20 and the npm cache, then builds, before the first gate', () => {
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
    const at = (command: string): number => job.steps.findIndex((step) => step.run !== undefined && oneLine(step.run).startsWith(command));
    const firstGate = Math.min(...SCENARIOS.map((scenario) => job.steps.indexOf(gate(scenario))));
    for (const command of ['npm ci', 'npm run build', 'mkdir -p "$REPORTS"']) {
      expect(at(command), command).toBeGreaterThan(-1);
      expect(at(command), command).toBeLessThan(firstGate);
    }
  });

  it.each(SCENARIOS)('gates on %s as .ci/run does, with a threshold, a JUnit file, a report and the JSON', (scenario) => {
    const command = oneLine(gate(scenario).run);
    for (const token of ciGate(scenario).split(' ')) expect(command.split(' '), `${command} has ${token} (from .ci/run)`).toContain(token);
    expect(command).toContain('--infra real');
    expect(command).toMatch(/--threshold '\w+\.p99<\d+m?s'/);
    expect(command).toContain(`--junit "$REPORTS/junit-${scenario}.xml"`);
    expect(command).toContain(`--report "$REPORTS/${scenario}.md"`);
    expect(command).toMatch(new RegExp(`--json > "\\$REPORTS/${scenario}\\.json"$`));
  });

  it('is linked from the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`](${EXAMPLE})`);
  });

  it('keeps its reports out of the committed example reports', () => {
    expect(job.env['REPORTS']).toBe('reports/ci');
  });

  it('adds the markdown reports to the job summary, even after a failed gate', () => {
    const summary = job.steps.find((step) => step.run?.includes('$GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe('always()');
    expect(summary?.run).toContain('"$REPORTS"/*.md');
  });

  it('uploads the JUnit files and the reports as artifacts, even after a failed gate', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.uses).toBe('actions/upload-artifact@v4');
    expect(upload?.if).toBe('always()');
    const paths = String(upload?.with?.['path']).trim().split('\n');
    expect(paths).toEqual(expect.arrayContaining(['${{ env.REPORTS }}/junit-*.xml', '${{ env.REPORTS }}/*.md']));
  });

  it('pins every action: a major tag for GitHub\'s own, a commit for anyone else\'s', () => {
    const uses = job.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) {
      expect(action).toMatch(action.startsWith('actions/') ? /^actions\/[\w-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/ : /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
  });
});

describe('the services of the GitHub Actions example', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, { image: string; environment: Record<string, unknown> }> };

  it('starts MySQL 8, Redis 7 and Kafka 4, each with a health check and its port published', () => {
    expect(job.services['mysql']?.image).toBe('mysql:8.4');
    expect(job.services['redis']?.image).toBe('redis:7');
    expect(job.services['kafka']?.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    for (const [name, port] of [['mysql', 3306], ['redis', 6379], ['kafka', 9092]] as const) {
      expect(job.services[name]?.options, name).toContain('--health-cmd');
      expect(job.services[name]?.ports, name).toContain(`${port}:${port}`);
    }
    expect(job.services['mysql']?.env).toMatchObject({ MYSQL_DATABASE: 'ticketsim', MYSQL_ALLOW_EMPTY_PASSWORD: 'yes' });
  });

  it('runs the same Kafka as docker-compose.yml, set up the same way', () => {
    expect(job.services['kafka']?.image).toBe(compose.services['kafka']?.image);
    expect(job.services['kafka']?.env).toEqual(compose.services['kafka']?.environment);
  });

  it('points ticketsim at the services it starts', () => {
    const kafka = job.services['kafka']?.env ?? {};
    expect(job.env).toMatchObject({
      TICKETSIM_REDIS_URL: 'redis://127.0.0.1:6379',
      TICKETSIM_MYSQL_URL: 'mysql://root@127.0.0.1:3306/ticketsim',
      TICKETSIM_KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(kafka['KAFKA_ADVERTISED_LISTENERS']).toBe(`PLAINTEXT://${job.env['TICKETSIM_KAFKA_BROKERS']}`);
    expect(kafka['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
  });
});

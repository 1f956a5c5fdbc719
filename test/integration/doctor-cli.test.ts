// `ticketsim doctor` as a user runs it: the built CLI in a child process.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servicesAvailable } from './services.js';

const BIN = resolve(import.meta.dirname, '../../bin/ticketsim');
const available = await servicesAvailable('redis', 'mysql', 'kafka');

function doctor(...args: string[]) {
  const started = Date.now();
  const child = spawnSync(BIN, ['doctor', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr, ms: Date.now() - started };
}

describe.skipIf(!available)('ticketsim doctor', () => {
  it('exits 0 and shows every version when all services are up', () => {
    const { code, stdout } = doctor('--json');
    const report = JSON.parse(stdout) as { ok: boolean; services: { service: string; ok: boolean; version?: string; details: string[] }[] };
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.services.map((s) => [s.service, s.ok, typeof s.version])).toEqual([
      ['redis', true, 'string'],
      ['mysql', true, 'string'],
      ['kafka', true, 'string'],
    ]);
    expect(report.services[1]!.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/purchases present, UNIQUE\(user_id, ticket_name\)$/),
        expect.stringMatching(/purchases read by sale through index k_ticket_name$/),
        expect.stringMatching(/sale_fences present, keyed by ticket_name/),
      ]),
    );
  });
});

describe('ticketsim doctor with a service down', () => {
  it('exits 3 within 5 s, naming host:port and a hint', () => {
    // Nothing listens on port 1: the same answer a stopped broker gives.
    const { code, stdout, ms } = doctor('--kafka-brokers', '127.0.0.1:1');
    expect(code).toBe(3);
    expect(ms).toBeLessThan(5000);
    expect(stdout).toMatch(/✗\s+kafka\s+127\.0\.0\.1:1/);
    expect(stdout).toMatch(/hint: .*scripts\/services\.sh start/);
  });
});

describe('ticketsim usage errors', () => {
  it('names an unknown command in one line and exits 2', () => {
    const child = spawnSync(BIN, ['doctr'], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr.trim().split('\n')).toEqual(['ticketsim: unknown command "doctr"; did you mean doctor?']);
  });

  it('names an unknown flag in one line and exits 2', () => {
    const child = spawnSync(BIN, ['doctor', '--bogus'], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr.trim()).toBe('ticketsim: unknown option --bogus');
  });
});

// A write-behind run stopped from outside still removes what it created, on real Redis, MariaDB
// and Kafka (the built CLI in a child process):
// - SIGTERM stops it like Ctrl-C: the checks run, the result says interrupted (exit 130), and its
//   worker processes, topics and consumer group are gone;
// - a second Ctrl-C quits at once, yet first stops the workers and deletes the topics and group,
//   saying so. The test holds the run mid-drain by construction (rows it keeps locked stop the
//   worker inside its INSERT), so the second Ctrl-C always lands while the run still owns them.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka } from '../../src/engine/kafka/connect.js';
import { saleKeyList } from '../../src/engine/redis/keys.js';
import type { RunResult } from '../../src/result.js';
import { BIN, realStores, until } from './cli.js';
import { holdRows } from './row-hold.js';
import { servicesAvailable, servicesConfig } from './services.js';

const available = await servicesAvailable('redis', 'mysql', 'kafka');

/** A run in a child process, its output so far, and how it ended. */
interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: readonly string[]): Child {
  const child = spawn(BIN, ['run', 'write-behind', '--infra', 'real', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { process: child, stdout: () => stdout, stderr: () => stderr, ended };
}

/** The run's worker processes (its children): pid and the topic and group they were given. */
function workersOf(run: Child): { pid: number; topic: string; group: string }[] {
  // ps exits 1 while there is none yet; its output is what counts.
  const lines = spawnSync('ps', ['--ppid', String(run.process.pid), '-o', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  return lines.flatMap((line) => {
    const match = /^\s*(\d+)\s.*\bworker\b.*--topic (\S+) --group (\S+)/.exec(line);
    return match === null ? [] : [{ pid: Number(match[1]), topic: match[2]!, group: match[3]! }];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!available)('a write-behind run stopped from outside', () => {
  const stores = realStores();
  const kafka = createKafka({ ...servicesConfig.kafka, connectTimeoutMs: 2000 }, 'ticketsim-it-interrupt');
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(() => admin?.disconnect());

  /** Whether any of the run's topics or its group is still on the broker. */
  async function onBroker(topic: string, group: string): Promise<string[]> {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(topic));
    const groups = (await admin.listGroups()).groups.map((entry) => entry.groupId).filter((name) => name === group);
    return [...topics, ...groups];
  }

  it('SIGTERM: the run stops like Ctrl-C (exit 130, checks run) and removes its workers, topics and group', async () => {
    const run = start(['--json', '--rate', '200', '--duration', '60', '--stock', '100000']);
    const [worker] = await until('the run started its worker', () => workersOf(run).length > 0 && workersOf(run));
    run.process.kill('SIGTERM');
    const { code } = await run.ended;
    const result = JSON.parse(run.stdout()) as RunResult;
    stores.remember(result);
    expect(code).toBe(130);
    expect(result.interrupted).toBe(true);
    expect(result.writeBehind).toMatchObject({ topic: worker!.topic, group: worker!.group, kept: false });
    expect(result.writeBehind!.leftover).toBeUndefined();
    expect(alive(worker!.pid)).toBe(false);
    expect(await onBroker(worker!.topic, worker!.group)).toEqual([]);
  }, 90_000);

  it('a second Ctrl-C quits at once, after stopping the workers and deleting the topics and group', async () => {
    const run = start(['--rate', '200', '--duration', '60', '--stock', '100000']);
    const [worker] = await until('the run started its worker', () => workersOf(run).length > 0 && workersOf(run));
    const sale = `concert-${worker!.topic.replace('ticketsim.sales.', '')}`;
    // Buyer 50 arrives a quarter second in: its row, held here, stops the worker's write.
    const hold = await holdRows(sale, ['user-50']);
    try {
      await hold.untilWaiting(1);
      run.process.kill('SIGINT');
      // The first Ctrl-C is handled (said on stdout); the run now waits for a drain that cannot end.
      await until('the run said it is stopping', () => run.stdout().includes('stopping:'));
      run.process.kill('SIGINT');
      await until('the run said what it undoes before quitting', () => run.stderr().includes('ticketsim: quitting; first:'));
      // Let the worker finish the write it is in, so it can stop.
      await hold.release();
      const { signal } = await run.ended;
      expect(signal).toBe('SIGINT');
      expect(run.stderr()).toContain(`delete topics ${worker!.topic} and ${worker!.topic}.dlq and group ${worker!.group}`);
      expect(run.stderr()).not.toContain('left undone');
      expect(alive(worker!.pid)).toBe(false);
      expect(await onBroker(worker!.topic, worker!.group)).toEqual([]);
    } finally {
      await hold.release();
      // The run never got to report: remove its sale's keys and rows here.
      await stores.redis.del(...saleKeyList(sale));
      await stores.mysql.query('DELETE FROM purchases WHERE ticket_name = ?', [sale]);
    }
  }, 90_000);
});

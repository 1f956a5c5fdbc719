// --junit as CI meets it: the built CLI in a child process, in process (--infra memory), so no
// service is needed. The XML parses as JUnit with one test case per check and a failure for each
// failed check, is valid under the common JUnit schema, and an unwritable path is exit 2 before
// any load.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result.js';
import { ticketsim } from './cli.js';

interface Case {
  '@_name': string;
  failure?: { '@_message': string };
}

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
const SCHEMA_PATH = join(import.meta.dirname, '../fixtures/junit/JUnit.xsd');

async function schemaErrors(xml: string): Promise<string[]> {
  const { valid, errors } = await validateXML({ xml: { fileName: 'junit.xml', contents: xml }, schema: { fileName: 'JUnit.xsd', contents: await readFile(SCHEMA_PATH, 'utf8') } });
  return valid ? [] : errors.map((error) => error.rawMessage);
}

describe('--junit', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ticketsim-junit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes one test case per check and a failure for no-oversell when naive oversells', async () => {
    const file = join(dir, 'naive.xml');
    const run = await ticketsim(['run', 'oversell', '--strategy', 'naive', '--infra', 'memory', '--json', '--junit', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`JUnit XML written to ${file}`);
    const result = JSON.parse(run.stdout) as RunResult;
    const xml = await readFile(file, 'utf8');
    const cases = (parser.parse(xml) as { testsuite: { testcase: Case[] }[] }).testsuite[0]!.testcase;
    expect(cases.map((c) => c['@_name'])).toEqual(result.checks.map((check) => check.name));
    const failed = result.checks.filter((check) => !check.ok && check.skipped === undefined);
    expect(cases.filter((c) => c.failure !== undefined).map((c) => c['@_name'])).toEqual(failed.map((check) => check.name));
    expect(cases.find((c) => c['@_name'] === 'no-oversell')!.failure!['@_message']).toBe(result.checks.find((check) => check.name === 'no-oversell')!.detail);
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it('writes schema-valid JUnit XML for compare and selftest', async () => {
    const compared = join(dir, 'compare.xml');
    const compare = await ticketsim(['compare', 'oversell', '--strategies', 'naive,lua', '--expect-fail', 'naive', '--infra', 'memory', '--junit', compared]);
    expect(compare.code).toBe(0);
    expect(await schemaErrors(await readFile(compared, 'utf8'))).toEqual([]);
    const matrix = join(dir, 'selftest.xml');
    const selftest = await ticketsim(['selftest', '--infra', 'memory', '--junit', matrix]);
    expect(selftest.code).toBe(0);
    expect(await schemaErrors(await readFile(matrix, 'utf8'))).toEqual([]);
  });

  it('refuses a path it cannot write with exit 2 before any load', async () => {
    const blocked = await ticketsim(['run', 'oversell', '--infra', 'memory', '--junit', '/proc/junit.xml']);
    expect({ code: blocked.code, stdout: blocked.stdout, stderr: blocked.stderr.trimEnd() }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ticketsim: --junit /proc/junit.xml: cannot create the file (ENOENT: no such file or directory)',
    });
  });
});

// Tests of serve's config: its defaults, a host off loopback only with --allow-remote, the workers
// only when writing behind, and every problem found at once.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { loadServeConfig } from './serve-config.js';

/** The problems loading `flags` throws (none: []). */
function problems(flags: Parameters<typeof loadServeConfig>[0]): readonly string[] {
  try {
    loadServeConfig(flags, {});
    return [];
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
}

describe('loadServeConfig', () => {
  it('defaults: lua, write sync, infra auto, 127.0.0.1:8080, pool 10', () => {
    const config = loadServeConfig({}, {});
    expect(config).toMatchObject({ strategy: 'lua', infra: 'auto', host: '127.0.0.1', port: 8080, poolSize: 10, insertGroup: 100, json: false });
    expect(config.write).toMatchObject({ mode: 'sync', workers: 1, partitions: 1, redeliver: 0, keepTopic: false });
  });

  it('writing behind: the workers and one partition each', () => {
    expect(loadServeConfig({ write: 'behind', workers: 3 }, {}).write).toMatchObject({ mode: 'behind', workers: 3, partitions: 3, drainTimeoutMs: 30_000 });
  });

  it('listens off loopback only with --allow-remote; [::1] is loopback', () => {
    expect(problems({ host: '0.0.0.0' })).toEqual([
      '--host 0.0.0.0 is not a loopback address; the server listens only on 127.0.0.1/localhost/::1 unless --allow-remote is given too',
    ]);
    expect(loadServeConfig({ host: '0.0.0.0', allowRemote: true }, {}).host).toBe('0.0.0.0');
    expect(loadServeConfig({ host: '[::1]' }, {}).host).toBe('::1');
    expect(loadServeConfig({ host: 'localhost', port: 0 }, {})).toMatchObject({ host: 'localhost', port: 0 });
  });

  it('finds every problem at once', () => {
    expect(problems({ strategy: 'lok', write: 'later', infra: 'cloud', port: 70_000, poolSize: 0, insertGroup: 0, workers: 2 })).toEqual([
      '--strategy "lok" is not one of naive, lock, precheck, dcl, fenced, lua; did you mean lock?',
      '--infra "cloud" is not one of auto, memory, real',
      '--write "later" is not one of sync, behind',
      '--port must be a whole number from 0 to 65535 (got 70000)',
      '--pool-size must be a whole number from 1 to 10000 (got 0)',
      '--insert-group must be a whole number from 1 to 10000 (got 0)',
      '--workers applies only with --write behind (the workers write MySQL behind the requests)',
    ]);
    expect(problems({ host: '' })).toEqual(['--host needs an address, e.g. 127.0.0.1']);
    expect(problems({ write: 'behind', workers: 17 })).toEqual(['--workers must be a whole number from 1 to 16 (got 17)']);
  });
});

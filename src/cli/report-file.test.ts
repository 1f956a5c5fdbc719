// Tests of writing the report once the result is out: where it went, and a failure that costs one
// line and the right exit code, never the result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from './exit-codes.js';
import { describeWritten, saveReport } from './report-file.js';

describe('saveReport', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Runs saveReport, capturing what it printed on stderr. */
  async function save(write: () => Promise<{ path: string; replaced: boolean }>, verdict: number) {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    const code = await saveReport('out.md', write, verdict);
    return { code, stderr: lines.join('') };
  }

  it('says where the report went, and keeps the verdict', async () => {
    expect(await save(async () => ({ path: 'out.md', replaced: false }), EXIT.checkFailed)).toEqual({ code: EXIT.checkFailed, stderr: 'report written to out.md\n' });
    expect((await save(async () => ({ path: 'out.md', replaced: true }), EXIT.ok)).stderr).toBe('report written to out.md (replaced the file that was there)\n');
  });

  it('turns a report that fails at the end into one line: exit 3 for a run that passed, the verdict otherwise', async () => {
    const full = async () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, open 'out.md'"), { code: 'ENOSPC' }));
    const passed = await save(full, EXIT.ok);
    expect(passed).toEqual({
      code: EXIT.infrastructure,
      stderr: 'ticketsim: --report out.md: the report could not be written after the run (ENOSPC: no space left on device); only the printed result remains\n',
    });
    expect((await save(full, EXIT.checkFailed)).code).toBe(EXIT.checkFailed);
    expect((await save(full, EXIT.interrupted)).code).toBe(EXIT.interrupted);
  });
});

describe('describeWritten', () => {
  it('names the path, and a file it replaced', () => {
    expect(describeWritten({ path: 'r.md', replaced: false })).toBe('r.md');
    expect(describeWritten({ path: 'r.md', replaced: true })).toBe('r.md (replaced the file that was there)');
  });
});

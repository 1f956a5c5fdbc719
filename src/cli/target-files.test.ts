import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTargetFiles } from './target-files.js';

describe('the target files the menu offers', () => {
  it('are the JSON files here, in targets/ and in examples/targets/ that look like one, by path', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ticketsim-targets-'));
    await mkdir(join(cwd, 'targets'));
    await mkdir(join(cwd, 'examples', 'targets'), { recursive: true });
    const target = (name: string) => JSON.stringify({ name, baseUrl: 'http://127.0.0.1:8080', purchase: { method: 'POST', path: '/buy', outcomes: [] } });
    await writeFile(join(cwd, 'shop.json'), target('shop'));
    await writeFile(join(cwd, 'package.json'), JSON.stringify({ name: 'not-a-target' }));
    await writeFile(join(cwd, 'broken.json'), '{ "baseUrl": ');
    await writeFile(join(cwd, 'targets', 'b.json'), target('b'));
    await writeFile(join(cwd, 'targets', 'notes.txt'), target('not json by name'));
    await writeFile(join(cwd, 'examples', 'targets', 'serve.json'), target('ticketsim-serve'));
    expect(await findTargetFiles(cwd)).toEqual([
      { path: 'shop.json', name: 'shop', baseUrl: 'http://127.0.0.1:8080' },
      { path: join('targets', 'b.json'), name: 'b', baseUrl: 'http://127.0.0.1:8080' },
      { path: join('examples', 'targets', 'serve.json'), name: 'ticketsim-serve', baseUrl: 'http://127.0.0.1:8080' },
    ]);
  });

  it('are none in a folder without any', async () => {
    expect(await findTargetFiles(await mkdtemp(join(tmpdir(), 'ticketsim-none-')))).toEqual([]);
  });
});

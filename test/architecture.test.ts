// Enforces the import rules of ARCHITECTURE.md ("Layers and import rules") over the real import
// graph of src/: cli → explore → runner → targets → scenarios → engine → config; ui and report see result
// types only; engine knows no measurement or UI; scenarios reach the system under test only
// through the sale-target seam (engine port types, never an adapter).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Folders each top-level area must never import from. */
const FORBIDDEN: Record<string, readonly string[]> = {
  engine: ['cli', 'runner', 'targets', 'scenarios', 'ui', 'report', 'worker', 'server', 'explore'],
  scenarios: ['cli', 'runner', 'targets', 'ui', 'report', 'worker', 'server', 'explore'],
  targets: ['cli', 'runner', 'ui', 'report', 'worker', 'server', 'explore'],
  runner: ['cli', 'ui', 'report', 'worker', 'server', 'explore'],
  // `ticketsim explore`: above the runner, whose runs it drives on the engine's step schedule.
  explore: ['cli', 'ui', 'report', 'worker', 'server', 'metrics'],
  worker: ['cli', 'runner', 'targets', 'scenarios', 'ui', 'report', 'server', 'explore'],
  // `ticketsim serve`: engine level, like the worker; the CLI hands it the worker launcher.
  server: ['cli', 'runner', 'targets', 'scenarios', 'ui', 'report', 'explore'],
  ui: ['engine', 'worker', 'runner', 'targets', 'scenarios', 'cli', 'server', 'explore'],
  report: ['engine', 'worker', 'runner', 'targets', 'scenarios', 'cli', 'ui', 'server', 'explore'],
  config: ['cli', 'runner', 'targets', 'scenarios', 'ui', 'report', 'worker', 'engine', 'server', 'explore'],
  // Prometheus metrics: fed through listener interfaces and result types; the CLI wires them.
  metrics: ['cli', 'runner', 'targets', 'scenarios', 'ui', 'report', 'worker', 'engine', 'server', 'explore'],
};

/**
 * Of the engine, scenarios and the runner see only the port types (the seam's vocabulary) and the
 * run's names; the adapters, strategies and infrastructure are the engine target's.
 */
const ENGINE_SEEN_FROM: Record<string, RegExp> = {
  scenarios: /^engine\/ports(\.ts|\/)/,
  runner: /^engine\/(ports(\.ts|\/)|run-names\.ts)/,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Top-level area of a file under src/ ("engine", "cli", …, or "" for src/*.ts). */
function areaOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? parts[0]! : '';
}

/** Every relative import of a file, resolved to the area it lands in. */
export function importedAreas(file: string, text = readFileSync(file, 'utf8')): { specifier: string; area: string; path: string }[] {
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => {
    const specifier = (m[1] ?? m[2])!;
    const target = resolve(dirname(file), specifier);
    return { specifier, area: areaOf(target), path: relative(SRC, target).replace(/\.js$/, '.ts') };
  });
}

/** The engine files `file` may not import: any but the ports (and run names) from scenarios and the runner. */
function engineLeaks(file: string, text?: string): string[] {
  const allowed = ENGINE_SEEN_FROM[areaOf(file)];
  if (allowed === undefined) return [];
  return importedAreas(file, text)
    .filter(({ area, path }) => area === 'engine' && !allowed.test(path))
    .map(({ specifier }) => `${relative(SRC, file)} imports ${specifier}`);
}

function violations(): string[] {
  return sourceFiles(SRC).flatMap((file) => {
    const forbidden = FORBIDDEN[areaOf(file)] ?? [];
    const crossings = importedAreas(file)
      .filter(({ area }) => forbidden.includes(area))
      .map(({ specifier }) => `${relative(SRC, file)} imports ${specifier}`);
    return [...crossings, ...engineLeaks(file)];
  });
}

describe('import rules (ARCHITECTURE.md)', () => {
  it('holds over src/', () => {
    expect(violations()).toEqual([]);
  });

  it('would catch a scenario importing an engine adapter', () => {
    const planted = join(SRC, 'scenarios/planted.ts');
    expect(engineLeaks(planted, "import { openInfrastructure } from '../engine/infrastructure.js';\nimport type { Strategy } from '../engine/ports.js';\n")).toEqual([
      'scenarios/planted.ts imports ../engine/infrastructure.js',
    ]);
  });

  it('would catch the runner importing a strategy', () => {
    const planted = join(SRC, 'runner/planted.ts');
    expect(engineLeaks(planted, "import { createStrategy } from '../engine/strategies/index.js';\nimport { newRunId } from '../engine/run-names.js';\n")).toEqual([
      'runner/planted.ts imports ../engine/strategies/index.js',
    ]);
  });

  it('would catch an engine file importing the ui', () => {
    const planted = join(SRC, 'engine/planted.ts');
    const found = importedAreas(planted, "import { renderRun } from '../ui/render-run.js';\n");
    expect(found.filter(({ area }) => FORBIDDEN.engine!.includes(area))).toHaveLength(1);
  });

  it('would catch the server importing a target or the runner, and let it use the engine', () => {
    const planted = join(SRC, 'server/planted.ts');
    const text = [
      "import { BehindPath } from '../targets/engine/behind-path.js';",
      "import { startRun } from '../runner/run.js';",
      "import { openInfrastructure } from '../engine/infrastructure.js';",
    ].join('\n');
    const found = importedAreas(planted, text).filter(({ area }) => FORBIDDEN.server!.includes(area));
    expect(found.map(({ specifier }) => specifier)).toEqual(['../targets/engine/behind-path.js', '../runner/run.js']);
  });

  it('would catch a report file importing the engine dynamically', () => {
    const planted = join(SRC, 'report/planted.ts');
    const found = importedAreas(planted, "const m = await import('../engine/redis/connect.js');\n");
    expect(found.map(({ area }) => area)).toEqual(['engine']);
  });
});

/** Driver packages an in-process run must start without (they cost a third of a second to load). */
const DRIVERS = ['mysql2', 'ioredis', 'kafkajs', 'redlock'];

/** The packages a file reaches through static imports (dynamic import() is followed lazily, not here). */
function staticPackages(file: string, text = readFileSync(file, 'utf8'), seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const match of text.matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const specifier = match[1]!;
    if (!specifier.startsWith('.')) {
      packages.add(specifier.split('/')[0]!);
      continue;
    }
    const target = resolve(dirname(file), specifier).replace(/\.js$/, '');
    const path = [`${target}.ts`, `${target}.tsx`].find((candidate) => {
      try {
        readFileSync(candidate);
        return true;
      } catch {
        return false;
      }
    });
    if (path !== undefined) for (const name of staticPackages(path, readFileSync(path, 'utf8'), seen)) packages.add(name);
  }
  return packages;
}

describe('an in-process run', () => {
  it('loads no driver until it opens the real services', () => {
    const loaded = ['runner/run.ts', 'cli/workers.ts', 'cli/main.ts', 'server/serve.ts'].flatMap((file) => [...staticPackages(join(SRC, file))]);
    expect(loaded.filter((name) => DRIVERS.includes(name))).toEqual([]);
  });

  it('would catch a static import of a driver', () => {
    const planted = join(SRC, 'engine/planted.ts');
    expect([...staticPackages(planted, "import { Redis } from 'ioredis';\nimport type { Pool } from 'mysql2';\n")]).toEqual(['ioredis']);
  });
});

/** The barrel engine/ports.ts or a file under engine/ports/ (a path under src/). */
const isPort = (path: string): boolean => path === 'engine/ports.ts' || path.startsWith('engine/ports/');

/**
 * Finer rules inside the engine: the files a rule covers may import only the files it allows.
 * config/ and errors.ts are the leaves every layer may use (they import nothing of the engine).
 */
const ENGINE_RULES: { covers(path: string): boolean; allows(path: string): boolean }[] = [
  // Strategies run on the ports only, never on an adapter, so they run on every infrastructure.
  {
    covers: (path) => path.startsWith('engine/strategies/'),
    allows: (path) => isPort(path) || path.startsWith('engine/strategies/') || path.startsWith('config/') || path === 'errors.ts',
  },
  // The ports are the engine's contract: they name no adapter, no result and no package.
  { covers: isPort, allows: isPort },
];

/** The imports of a file that an engine rule forbids (a package counts as forbidden to the ports). */
function engineRuleBreaches(file: string, text = readFileSync(file, 'utf8')): string[] {
  const rules = ENGINE_RULES.filter((rule) => rule.covers(relative(SRC, file)));
  const relativeBreaches = importedAreas(file, text)
    .filter(({ path }) => rules.some((rule) => !rule.allows(path)))
    .map(({ specifier }) => specifier);
  if (!isPort(relative(SRC, file))) return relativeBreaches;
  const packages = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^.'"][^'"]*)['"]/g)].map((m) => m[1]!);
  return [...relativeBreaches, ...packages];
}

describe('engine rules: strategies use the ports only, the ports import only ports', () => {
  it('hold over src/engine', () => {
    const breaches = sourceFiles(join(SRC, 'engine')).flatMap((file) =>
      engineRuleBreaches(file).map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
    );
    expect(breaches).toEqual([]);
  });

  it('would catch a strategy importing a Redis adapter module, and only that', () => {
    const planted = join(SRC, 'engine/strategies/planted.ts');
    const text = [
      "import { saleKeys } from '../redis/keys.js';",
      "import type { Locks } from '../ports.js';",
      "import type { Lease } from '../ports/locks.js';",
      "import { LOCK_TTL_MS } from '../../config/defaults.js';",
      "import { UsageError } from '../../errors.js';",
      "import { cancelPurchase } from './cancel-purchase.js';",
    ].join('\n');
    expect(engineRuleBreaches(planted, text)).toEqual(['../redis/keys.js']);
  });

  it('would catch a port importing the results, an adapter or a package', () => {
    const planted = join(SRC, 'engine/ports/planted.ts');
    const text = [
      "import type { RunResult } from '../../result.js';",
      "import type { LedgerTable } from '../mysql/tables.js';",
      "import type { Redis } from 'ioredis';",
      "import type { SaleId } from './sale.js';",
    ].join('\n');
    expect(engineRuleBreaches(planted, text)).toEqual(['../../result.js', '../mysql/tables.js', 'ioredis']);
  });

  it('would catch the ports barrel re-exporting an adapter', () => {
    const barrel = join(SRC, 'engine/ports.ts');
    const text = "export type * from './ports/sale.js';\nexport type * from './memory/index.js';\n";
    expect(engineRuleBreaches(barrel, text)).toEqual(['./memory/index.js']);
  });
});

/** Every file of src/ with the src/ files it imports (type imports too), paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const imports = importedAreas(file).map(({ path }) => (existsSync(join(SRC, path)) ? path : path.replace(/\.ts$/, '.tsx')));
    graph.set(relative(SRC, file), imports);
  }
  return graph;
}

/** One import cycle of `graph` (its files, the first repeated at the end), or undefined when there is none. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the import graph', () => {
  it('has no cycle over src/', () => {
    expect(findCycle(importGraph())).toBeUndefined();
  });

  it('would name a planted cycle', () => {
    const planted = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycle(planted)).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
  });
});

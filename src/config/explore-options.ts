// What `ticketsim explore` and `ticketsim replay` accept (README.md, "Explore the interleavings"):
// the tiny workload and the search, their defaults declared once, and every problem with them at
// once (exit 2). The workload stays tiny: a search reruns it hundreds of times, and the number of
// step orders grows with every buyer.
import { UsageError } from '../errors.js';
import { oneOf } from './config.js';
import type { ExploreSearch, ExploreWorkload } from '../result.js';
import { STRATEGIES } from './strategies.js';
import { WORKLOAD_OPTIONS } from './workload-options.js';

/** The scenarios a search can run: all of them (write-behind with one worker, its polls steps too). */
export const EXPLORABLE = ['oversell', 'spam', 'cancel-storm', 'write-behind'] as const;
export const SEARCHES = ['dfs', 'pct', 'random'] as const;

export const EXPLORE_DEFAULTS = Object.freeze({
  buyers: 2,
  search: 'dfs' as const,
  budget: 1000,
  depth: 3,
  preemptions: 2,
});

/** The bounds of a search's workload and budget. */
export const EXPLORE_LIMITS = Object.freeze({ buyers: 6, requestsPerUser: 4, stock: 24, budget: 1_000_000, depth: 10, preemptions: 10 });

/** The flags as given (undefined: not given). */
export interface ExploreFlags {
  scenario: string;
  strategy?: string;
  buyers?: number;
  stock?: number;
  requestsPerUser?: number;
  search?: string;
  budget?: number;
  depth?: number;
  preemptions?: number;
  seed?: number;
}

/**
 * The seats when none are given: one fewer than the buyers in oversell (they compete), every
 * request's worth in spam (only the strategy may stop a repeat), one a buyer in a cancel storm and
 * writing behind (every purchase goes through the log).
 */
export function defaultStock(scenario: string, buyers: number, requestsPerUser: number): number {
  if (scenario === 'spam') return buyers * requestsPerUser;
  if (scenario === 'oversell') return Math.max(1, buyers - 1);
  return buyers;
}

/** The workload and search of the flags, or a UsageError naming every problem. */
export function exploreOptions(flags: ExploreFlags): { workload: ExploreWorkload; search: ExploreSearch } {
  const problems: string[] = [];
  const among = (value: string | undefined, allowed: readonly string[], label: string): string => {
    if (value === undefined) problems.push(`${label} is required (${allowed.join(' | ')})`);
    else oneOf(value, allowed, label, problems);
    return value !== undefined && allowed.includes(value) ? value : allowed[0]!;
  };
  const whole = (value: number | undefined, fallback: number, least: number, most: number, flag: string): number => {
    const given = value ?? fallback;
    if (Number.isSafeInteger(given) && given >= least && given <= most) return given;
    problems.push(`${flag} must be a whole number from ${least} to ${most.toLocaleString('en-US')} (got ${given})`);
    return fallback;
  };
  const scenario = among(flags.scenario, EXPLORABLE, 'scenario');
  const strategy = among(flags.strategy, STRATEGIES, '--strategy');
  const buyers = whole(flags.buyers, EXPLORE_DEFAULTS.buyers, 1, EXPLORE_LIMITS.buyers, '--buyers');
  const requestsPerUser = whole(flags.requestsPerUser, scenario === 'spam' ? 2 : 1, 1, EXPLORE_LIMITS.requestsPerUser, '--requests-per-user');
  if (flags.requestsPerUser !== undefined && scenario !== 'spam') problems.push('--requests-per-user is spam\'s: each buyer of another scenario sends one request');
  const stock = whole(flags.stock, defaultStock(scenario, buyers, requestsPerUser), 1, EXPLORE_LIMITS.stock, '--stock');
  const kind = among(flags.search ?? EXPLORE_DEFAULTS.search, SEARCHES, '--search') as ExploreSearch['kind'];
  const budget = whole(flags.budget, EXPLORE_DEFAULTS.budget, 1, EXPLORE_LIMITS.budget, '--budget');
  if (flags.depth !== undefined && kind !== 'pct') problems.push('--depth is pct\'s (--search pct)');
  if (flags.preemptions !== undefined && kind !== 'dfs') problems.push('--preemptions is dfs\'s (--search dfs)');
  const depth = whole(flags.depth, EXPLORE_DEFAULTS.depth, 1, EXPLORE_LIMITS.depth, '--depth');
  const preemptions = whole(flags.preemptions, EXPLORE_DEFAULTS.preemptions, 0, EXPLORE_LIMITS.preemptions, '--preemptions');
  const seed = whole(flags.seed, WORKLOAD_OPTIONS.seed.default, 0, Number.MAX_SAFE_INTEGER, '--seed');
  if (problems.length > 0) throw new UsageError(problems);
  return {
    workload: { scenario, strategy, buyers, stock, requestsPerUser, seed },
    search: { kind, budget, ...(kind === 'pct' ? { depth } : {}), ...(kind === 'dfs' ? { preemptions } : {}) },
  };
}

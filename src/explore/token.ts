// A replay token: a workload and a decision list in one shell-safe word, so that a failure found
// once is replayed step for step by `ticketsim replay <token>` (ARCHITECTURE.md, "Explored runs").
// Readable on purpose: `ts1.oversell.naive.b2.s1.r1.x42.d_-1` is oversell, naive, 2 buyers,
// 1 seat, 1 request a user, seed 42, and at the second step actor 1 ("_" keeps the fallback).
import { UsageError } from '../errors.js';
import type { ExploreWorkload } from '../result.js';

/** Which actor to run at each step; null keeps the fallback (no preemption). */
export type Decisions = readonly (number | null)[];

const VERSION = 'ts1';

/** The token of a workload and its decisions. */
export function encodeToken(workload: ExploreWorkload, decisions: Decisions): string {
  const { scenario, strategy, buyers, stock, requestsPerUser, seed } = workload;
  const steps = decisions.map((decision) => (decision === null ? '_' : String(decision))).join('-');
  return [VERSION, scenario, strategy, `b${buyers}`, `s${stock}`, `r${requestsPerUser}`, `x${seed}`, `d${steps}`].join('.');
}

/** The workload and decisions of a token; a UsageError (exit 2) names what is wrong with one. */
export function decodeToken(token: string): { workload: ExploreWorkload; decisions: Decisions } {
  const parts = token.trim().split('.');
  const [version, scenario, strategy, ...rest] = parts;
  const field = (prefix: string, index: number): string => {
    const part = rest[index];
    if (part === undefined || !part.startsWith(prefix)) throw bad(token, `it has no ${prefix}… field where one belongs`);
    return part.slice(prefix.length);
  };
  if (version !== VERSION || scenario === undefined || strategy === undefined || rest.length !== 5) throw bad(token, `it does not read as ${VERSION}.<scenario>.<strategy>.b<N>.s<N>.r<N>.x<seed>.d<decisions>`);
  const whole = (prefix: string, index: number, least: number): number => {
    const value = Number(field(prefix, index));
    if (!Number.isSafeInteger(value) || value < least) throw bad(token, `${prefix}${field(prefix, index)} is not a whole number ≥ ${least}`);
    return value;
  };
  const workload = { scenario, strategy, buyers: whole('b', 0, 1), stock: whole('s', 1, 1), requestsPerUser: whole('r', 2, 1), seed: whole('x', 3, 0) };
  const listed = field('d', 4);
  const decisions = listed === '' ? [] : listed.split('-').map((text) => {
    if (text === '_') return null;
    const actor = Number(text);
    if (!Number.isSafeInteger(actor) || actor < 0) throw bad(token, `the decision "${text}" is neither an actor id nor _`);
    return actor;
  });
  return { workload, decisions };
}

function bad(token: string, why: string): UsageError {
  const shown = token.length > 60 ? `${token.slice(0, 57)}…` : token;
  return new UsageError(`replay token "${shown}": ${why}`);
}

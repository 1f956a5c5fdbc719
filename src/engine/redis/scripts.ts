// Loads the Lua scripts of scripts/*.lua onto an ioredis client with defineCommand (BullMQ style):
// read from disk and assembled with their includes (scripts/includes/) once per process, defined
// once per client, then run by EVALSHA with EVAL fallback. The build copies the .lua files beside
// the compiled loader (scripts/copy-assets.mjs).
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { assembleScript } from './script-includes.js';

/** The script files, by command name. The number in a file name is its key count. */
export const SCRIPT_FILES = {
  ticketsimCreateSale: 'create-sale-2.lua',
  ticketsimPurchase: 'purchase-2.lua',
  ticketsimRelease: 'release-2.lua',
  ticketsimFencedLook: 'fenced-look-3.lua',
  ticketsimFencedPurchase: 'fenced-purchase-3.lua',
} as const;

/** The name of a script command a loaded client has. */
export type CommandName = keyof typeof SCRIPT_FILES;

/**
 * The custom commands a loaded client has; each resolves to the script's reply: an integer code
 * (see script-codes.ts), or for fenced-look-3 on success the array `[stock, isBuyer]`.
 */
export type ScriptCommands = {
  [name in CommandName]: (...keysThenArgs: (string | number)[]) => Promise<unknown>;
};

const sources = new Map<CommandName, string>();
const loaded = new WeakSet<Redis>();

/** A file under scripts/ (a script or an include), by its path there. */
export function readScriptFile(path: string): string {
  return readFileSync(new URL(`./scripts/${path}`, import.meta.url), 'utf8');
}

/** The text of a script as Redis runs it, its includes in place; assembled once. */
export function scriptSource(name: CommandName): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = assembleScript(SCRIPT_FILES[name], readScriptFile);
    sources.set(name, source);
  }
  return source;
}

/** Key count of a script, from its file name (`purchase-2.lua` → 2). */
export function keyCountOf(file: string): number {
  const match = /-(\d+)\.lua$/.exec(file);
  if (match === null) throw new Error(`script file ${file} does not end in -<key count>.lua`);
  return Number(match[1]);
}

/** Defines ticketsim's script commands on `redis` (once per client) and returns it typed with them. */
export function loadScripts(redis: Redis): Redis & ScriptCommands {
  if (!loaded.has(redis)) {
    for (const [name, file] of Object.entries(SCRIPT_FILES) as [CommandName, string][]) {
      redis.defineCommand(name, { numberOfKeys: keyCountOf(file), lua: scriptSource(name) });
    }
    loaded.add(redis);
  }
  return redis as Redis & ScriptCommands;
}

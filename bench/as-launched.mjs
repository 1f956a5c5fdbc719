// Imported first by a benchmark that measures ticketsim inside its own process: reruns that
// process with the node flags bin/ticketsim runs ticketsim with (src/launcher.ts), so the figures
// are those of ticketsim as launched, not of node's defaults (V8's collector behaves differently).
import { spawnSync } from 'node:child_process';
import { launcherNodeFlags } from '../dist/launcher.js';

const flags = launcherNodeFlags();
if (!flags.every((flag) => process.execArgv.includes(flag))) {
  const rerun = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

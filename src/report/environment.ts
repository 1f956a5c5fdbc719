// Where a run ran and what it cost ticketsim itself: the machine, the versions of Node, ticketsim
// and the services, and the generator's CPU time, peak memory and wall time. The same words for
// the plain-text summary, the run's report and the comparison.
import type { MachineInfo, RunResult } from '../result.js';
import { formatBytes, formatCount, formatDuration, formatPercent } from './format.js';
import { mdTable } from './md-table.js';

const NOT_USED = 'not used';

/** `AMD EPYC 7B13 × 2 logical CPUs · 8 GiB memory · Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64`. */
export function machineText(machine: MachineInfo): string {
  return `${cpuText(machine)} · ${formatBytes(machine.memoryBytes)} memory · ${machine.os}, ${machine.kernel}`;
}

function cpuText(machine: MachineInfo): string {
  return `${machine.cpuModel} × ${formatCount(machine.cpus)} logical CPU${machine.cpus === 1 ? '' : 's'}`;
}

/** `node v20.20.2 · ticketsim 0.1.0 · redis 7.0.15 · mysql 10.11.6-MariaDB · kafka not used`. */
export function versionsText(env: RunResult['environment']): string {
  return `node ${env.node} · ticketsim ${env.ticketsim} · redis ${env.redis ?? NOT_USED} · mysql ${env.mysql ?? NOT_USED} · kafka ${env.kafka ?? NOT_USED}`;
}

/** `1.92s` CPU, `1.5s + 420ms`, and the share of one core over the wall time. */
function cpuFigures(result: RunResult): { total: string; split: string; share: string } {
  const { cpuUserMs, cpuSystemMs } = result.generator;
  const cpu = cpuUserMs + cpuSystemMs;
  return {
    total: formatDuration(cpu),
    split: `user ${formatDuration(cpuUserMs)} + system ${formatDuration(cpuSystemMs)}`,
    share: result.wallMs > 0 ? `${formatPercent(cpu / result.wallMs)} of one core` : 'no wall time to share',
  };
}

/** `1.92s CPU (147% of one core) · peak memory 212 MiB · wall 1.31s, set-up and checks included`. */
export function costText(result: RunResult): string {
  const cpu = cpuFigures(result);
  return `${cpu.total} CPU (${cpu.share}) · peak memory ${formatBytes(result.generator.peakRssBytes)} · wall ${formatDuration(result.wallMs)}, set-up and checks included`;
}

/** Whose cost it is: this process, with the services when in process, without worker processes. */
function costScope(result: RunResult): string {
  const services = result.infra === 'memory' ? ', which also ran the in-process services' : '';
  const workers = result.writeBehind !== undefined && result.infra === 'real' ? '; the write-behind workers ran as processes of their own and are not counted' : '';
  return `ticketsim's own process${services}${workers}`;
}

/** The versions of everything the run touched, the machine, and the infrastructure it ran on. */
export function environmentSection(result: RunResult): string {
  const env = result.environment;
  const { machine } = env;
  return mdTable(
    ['Component', 'Version / value'],
    [
      ['ticketsim', env.ticketsim],
      ['Node.js', env.node],
      ['Redis', env.redis ?? NOT_USED],
      ['MySQL', env.mysql ?? NOT_USED],
      ['Kafka', env.kafka ?? NOT_USED],
      ['CPU', cpuText(machine)],
      ['Memory (total)', formatBytes(machine.memoryBytes)],
      ['OS', `${machine.os} · ${machine.kernel} · ${env.platform}`],
      ['Infrastructure', `${result.infra} (${result.infraReason})`],
    ],
  );
}

/** The measured run (release to last reply), said to be virtual time when the services ran in process. */
export function measuredDuration(result: RunResult): string {
  return `${formatDuration(result.durationMs)}${result.infra === 'memory' ? ' on the in-process virtual clock' : ''}`;
}

/** What the run cost the generator: wall time beside the measured duration, CPU time and peak memory. */
export function costSection(result: RunResult): string {
  const g = result.generator;
  const cpu = cpuFigures(result);
  const processPeak = g.processPeakRssBytes > g.peakRssBytes ? `; the process's own peak since it started: ${formatBytes(g.processPeakRssBytes)}` : '';
  const table = mdTable(
    ['Figure', 'Value'],
    [
      ['wall time, start to verdict (connecting, set-up, phases, drains, checks)', formatDuration(result.wallMs)],
      ['release to last reply (the measured run)', measuredDuration(result)],
      ['CPU time', `${cpu.total}: ${cpu.split}, ${cpu.share} over the wall time`],
      ['peak memory (resident set)', `${formatBytes(g.peakRssBytes)} (sampled every ${formatDuration(g.sampleMs)})${processPeak}`],
    ],
  );
  return `What the run cost the generator, ${costScope(result)}:\n\n${table}`;
}

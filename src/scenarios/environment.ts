// Where a run ran, as its result's environment block: the versions of Node, ticketsim and the
// services, and the machine (CPU model and count, memory, OS), read from the OS once per process.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MachineInfo, RunResult } from '../result.js';
import { VERSION } from '../version.js';

/** The service versions the infrastructure reported (undefined for a service not used). */
export type ServiceVersions = Pick<RunResult['environment'], 'redis' | 'mysql' | 'kafka'>;

/** What {@link readMachine} asks the OS; tests pass their own. */
export interface MachineSource {
  cpus(): { model: string }[];
  availableParallelism(): number;
  totalmem(): number;
  type(): string;
  release(): string;
  version(): string;
  platform(): NodeJS.Platform;
  /** A text file's contents; throws when it cannot be read. */
  readText(path: string): string;
}

const nodeSource: MachineSource = {
  cpus: () => os.cpus(),
  availableParallelism: () => os.availableParallelism(),
  totalmem: () => os.totalmem(),
  type: () => os.type(),
  release: () => os.release(),
  version: () => os.version(),
  platform: () => os.platform(),
  readText: (path) => readFileSync(path, 'utf8'),
};

/** The OS's own name from os-release (`PRETTY_NAME`), the first of its two places that reads. */
function osReleaseName(source: MachineSource): string | undefined {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      const line = /^PRETTY_NAME=(.*)$/m.exec(source.readText(path))?.[1]?.trim();
      const name = line?.replace(/^(["'])(.*)\1$/, '$2').trim();
      if (name) return name;
    } catch {
      // Not there or not readable: try the next place, then fall back to node:os.
    }
  }
  return undefined;
}

/** The machine as the OS describes it; on Linux the distribution's name when os-release says it. */
export function readMachine(source: MachineSource = nodeSource): MachineInfo {
  const cpus = source.cpus();
  const linux = source.platform() === 'linux' ? osReleaseName(source) : undefined;
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    // Some containers list no CPUs; the scheduler still knows how many it may use.
    cpus: cpus.length || source.availableParallelism(),
    memoryBytes: source.totalmem(),
    os: linux ?? (source.platform() === 'win32' ? source.version() : source.type()),
    kernel: `${source.type()} ${source.release()}`,
  };
}

let machine: MachineInfo | undefined;

/** The result's environment block: Node, ticketsim, the services' versions and the machine. */
export function environmentOf(versions: ServiceVersions): RunResult['environment'] {
  machine ??= readMachine();
  return { node: process.version, ticketsim: VERSION, platform: `${process.platform}-${process.arch}`, ...versions, machine };
}

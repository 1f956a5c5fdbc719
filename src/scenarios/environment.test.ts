// Tests of the environment block: the machine as the OS describes it, and os-release for the OS name.
import { describe, expect, it } from 'vitest';
import { environmentOf, readMachine } from './environment.js';
import type { MachineSource } from './environment.js';

/** A Linux box with two CPUs and 8 GiB, and the os-release files given. */
function linux(files: Record<string, string>, cpus = [{ model: 'AMD EPYC 7B13 ' }, { model: 'AMD EPYC 7B13 ' }]): MachineSource {
  return {
    cpus: () => cpus,
    availableParallelism: () => 4,
    totalmem: () => 8 * 1024 ** 3,
    type: () => 'Linux',
    release: () => '6.1.0-18-amd64',
    version: () => '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1',
    platform: () => 'linux',
    readText: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
  };
}

describe('readMachine', () => {
  it('names the CPU, counts it, and takes the OS name from os-release', () => {
    const source = linux({ '/etc/os-release': 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n' });
    expect(readMachine(source)).toEqual({
      cpuModel: 'AMD EPYC 7B13',
      cpus: 2,
      memoryBytes: 8 * 1024 ** 3,
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: 'Linux 6.1.0-18-amd64',
    });
  });

  it('reads /usr/lib/os-release when /etc has none, and falls back to the OS type when neither reads', () => {
    expect(readMachine(linux({ '/usr/lib/os-release': "PRETTY_NAME='Alpine Linux v3.19'\n" })).os).toBe('Alpine Linux v3.19');
    expect(readMachine(linux({})).os).toBe('Linux');
  });

  it('counts the CPUs the scheduler offers when the OS lists none', () => {
    expect(readMachine(linux({}, []))).toMatchObject({ cpuModel: 'unknown', cpus: 4 });
  });
});

describe('environmentOf', () => {
  it('gives the versions and this machine', () => {
    const env = environmentOf({ redis: '7.0.15', mysql: '10.11.6-MariaDB' });
    expect(env).toMatchObject({ node: process.version, redis: '7.0.15', mysql: '10.11.6-MariaDB' });
    expect(env.kafka).toBeUndefined();
    expect(env.machine.cpus).toBeGreaterThan(0);
    expect(env.machine.memoryBytes).toBeGreaterThan(0);
    expect(environmentOf({}).machine).toBe(env.machine);
  });
});

// Reading a Prometheus exposition in integration tests: promtool (Prometheus's own checker) on the
// text when it is installed, and a sample's value summed over the series whose labels match.
import { spawnSync } from 'node:child_process';

/** Whether promtool is on the PATH; without it the exposition format is not checked (said once). */
export const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) console.warn('promtool not found: the exposition format is not checked (apt-get install prometheus)');

/** `promtool check metrics` on `text`: its exit status and what it said. */
export function checkMetrics(text: string): { status: number | null; said: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

/** A sample's value: the sum over every series of `name` whose labels include `labels`. */
export function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text, name, labels).reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** The sample lines of `name` whose labels include `labels`. */
export function samples(text: string, name: string, labels: Record<string, string> = {}): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
}

/** The body of GET `url`. */
export async function scrape(url: string): Promise<string> {
  return (await fetch(url)).text();
}

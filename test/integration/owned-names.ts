// The names of what integration tests create on the shared services, and the sweep of what a test
// process that crashed (or was killed) left behind. Every name carries the id of its test process
// and a random part (`<pid>p<hex>`, e.g. sale `it-4242p3fa9c1`, topic `ticketsim.it.4242p3fa9c1`):
// a name whose process is gone is a leftover and is removed; one whose process lives belongs to a
// test running now (another file, another checkout) and is left alone. Nothing else is touched.
import { randomUUID } from 'node:crypto';

/** `<pid>p<6 hex>`: a fresh id owned by this test process. */
export function ownedId(): string {
  return `${process.pid}p${randomUUID().slice(0, 6)}`;
}

/** A test's Kafka names for an id: its topic, dead-letter topic and consumer group. */
export function kafkaNamesOf(id: string): { topic: string; dlqTopic: string; group: string } {
  const topic = `ticketsim.it.${id}`;
  return { topic, dlqTopic: `${topic}.dlq`, group: `ticketsim-it-${id}` };
}

/** The id inside a test's name (`…<pid>p<hex>…`), as the pid of the process that made it. */
const OWNED = /(?:^|[.:{_-])(\d+)p[0-9a-f]{6}(?:$|[.:}_-])/;

/** True when `name` is a test's name whose process is gone (so nobody will remove it but us). */
export function isLeftover(name: string, alive: (pid: number) => boolean = processAlive): boolean {
  const match = OWNED.exec(name);
  if (match === null) return false;
  const pid = Number(match[1]);
  return pid !== process.pid && !alive(pid);
}

/** Whether a process with this id runs on this machine (one we may not signal still runs). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

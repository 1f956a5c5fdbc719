// Coalesces the commands a Redis client writes within one turn of the event loop into a single
// socket write. ioredis writes each command to the socket as it is sent, one system call each; with
// a thousand buyers in flight, those calls were three quarters of the process's time (ARCHITECTURE.md,
// "Performance"). Corking the socket at the first write of a turn and uncorking it once the turn's
// callbacks and promise jobs have run hands the kernel one writev of every command instead: the
// pipelining redis-benchmark's -P does, with no change to the commands, their order or their
// replies, and no timer (a lone command waits only for the code already running to finish).
import type { Writable } from 'node:stream';

/** Makes every write `socket` receives in one turn of the event loop leave in one system call. */
export function coalesceWrites(socket: Writable): void {
  const write = socket.write.bind(socket);
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: Parameters<Writable['write']>) => {
    if (!corked) {
      corked = true;
      socket.cork();
      // process.nextTick runs after the current callback and every promise job it queued.
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Writable['write'];
}

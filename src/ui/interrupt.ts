// Ctrl-C handling shared by the renderers: the first interrupt stops the run gracefully (in-flight
// attempts finish, checks run); a second one ends the process the way Ctrl-C normally does, once
// what the run would leave behind is undone.
import { pendingUndos, undoAllBeforeExit } from '../exit-cleanup.js';

/** How long quitting at once may spend undoing what the run would otherwise leave behind. */
const QUIT_UNDO_MS = 10_000;

/**
 * Undoes what a run registered to undo on exit (its workers, its topic, a service a fault stopped;
 * at most a few seconds, saying what it had to leave), then re-raises SIGINT with no ticketsim
 * listener left, so the process ends as Ctrl-C ends it (exit status 130). The escape hatch for a
 * run whose in-flight attempts never finish, e.g. a hung connection: without it, a raw-mode
 * dashboard would swallow every further Ctrl-C. A Ctrl-C while it undoes quits at once.
 */
export function quitNow(): void {
  const pending = pendingUndos();
  if (pending.length === 0) {
    process.kill(process.pid, 'SIGINT');
    return;
  }
  process.stderr.write(`ticketsim: quitting; first: ${pending.join('; ')} (Ctrl-C again leaves ${pending.length === 1 ? 'it' : 'them'})\n`);
  void undoAllBeforeExit(QUIT_UNDO_MS).then((left) => {
    for (const what of left) process.stderr.write(`ticketsim: left undone: ${what}\n`);
    process.kill(process.pid, 'SIGINT');
  });
}

/**
 * Listens for SIGINT (Ctrl-C when stdin is not in raw mode): the first calls `onFirst`, the second
 * removes the listener and {@link quitNow}. Returns the function that removes the listener.
 */
export function onInterrupt(onFirst: () => void): () => void {
  let interrupted = false;
  const listener = (): void => {
    if (interrupted) {
      process.off('SIGINT', listener);
      quitNow();
      return;
    }
    interrupted = true;
    onFirst();
  };
  process.on('SIGINT', listener);
  return () => {
    process.off('SIGINT', listener);
  };
}

// Ctrl-C handling shared by the renderers: the first interrupt stops the run gracefully (in-flight
// attempts finish, checks run); a second one ends the process the way Ctrl-C normally does.

/**
 * Re-raises SIGINT with no ticketsim listener left, so the process ends as Ctrl-C ends it (exit
 * status 130). The escape hatch for a run whose in-flight attempts never finish, e.g. a hung
 * connection: without it, a raw-mode dashboard would swallow every further Ctrl-C.
 */
export function quitNow(): void {
  process.kill(process.pid, 'SIGINT');
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

// What the process must still undo when it quits at once (a second Ctrl-C): the parts of a run that
// would outlive it otherwise — its worker processes, its Kafka topic and group, a service a fault
// took away. A run registers each undo while the thing exists and unregisters it once undone the
// normal way; quitting runs whatever is registered, all at once, for a bounded time, and says what
// it had to leave.

/** Something to undo before the process exits. */
export interface ExitUndo {
  /** What it undoes, for the line printed when it could not: e.g. `delete topic ticketsim.sales.x`. */
  what: string;
  undo(): Promise<void>;
}

const registered = new Set<ExitUndo>();

/** Registers an undo; returns the function that unregisters it (call it once undone normally). */
export function undoOnExit(entry: ExitUndo): () => void {
  registered.add(entry);
  return () => {
    registered.delete(entry);
  };
}

/** What is registered now, e.g. to say what quitting will undo. */
export function pendingUndos(): string[] {
  return [...registered].map((entry) => entry.what);
}

/**
 * Runs every registered undo at once and resolves within `withinMs` with what did not finish or
 * failed (each `what`, with the reason when it failed). Each runs once: it is unregistered first.
 */
export async function undoAllBeforeExit(withinMs: number): Promise<string[]> {
  const entries = [...registered];
  registered.clear();
  const left = new Map(entries.map((entry) => [entry, `${entry.what} (still under way after ${Math.round(withinMs / 1000)} s)`]));
  const runs = entries.map((entry) =>
    entry.undo().then(
      () => left.delete(entry),
      (error: unknown) => left.set(entry, `${entry.what} (${error instanceof Error ? error.message : String(error)})`),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, withinMs);
  });
  await Promise.race([Promise.all(runs), deadline]);
  clearTimeout(timer);
  return [...left.values()];
}

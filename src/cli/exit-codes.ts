// The one place that turns outcomes and errors into exit codes (README.md, Exit codes) and one-line messages.
import { InfrastructureError, InterruptedError, OutputError, TicketsimError, UsageError, describeError } from '../errors.js';

/** Exit codes, everywhere. */
export const EXIT = Object.freeze({
  ok: 0,
  checkFailed: 1,
  usage: 2,
  infrastructure: 3,
  /** Stopped by Ctrl-C: the conventional 128 + SIGINT. */
  interrupted: 130,
});

/** The exit code an error ends the process with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  if (error instanceof InfrastructureError) return EXIT.infrastructure;
  if (error instanceof OutputError) return EXIT.infrastructure;
  // Anything else escaped from a driver or the runtime: treat it as the infrastructure misbehaving.
  return EXIT.infrastructure;
}

/** The lines printed to stderr for an error: the message, then the hint if there is one. */
export function errorLines(error: unknown): string[] {
  if (error instanceof UsageError) return error.problems.map((p) => `ticketsim: ${p}`);
  const lines = [`ticketsim: ${error instanceof TicketsimError ? error.message : `unexpected error: ${describeError(error)}`}`];
  if (error instanceof TicketsimError && error.hint) lines.push(`  hint: ${error.hint}`);
  if (process.env.TICKETSIM_DEBUG === '1' && error instanceof Error && error.stack) lines.push(error.stack);
  return lines;
}

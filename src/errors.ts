// The one errors module: a base error with cause/retriable/hint, and the classes the CLI maps to
// exit codes (see cli/exit-codes.ts). Outcomes such as "sold out" are never errors.

/** Options every ticketsim error may carry. */
export interface TicketsimErrorOptions {
  cause?: unknown;
  /** True when trying again later may succeed (a timeout, a refused connection). */
  retriable?: boolean;
  /** One short line telling the user what to do, e.g. `docker compose up -d`. */
  hint?: string;
}

/** Base class: every error ticketsim raises on purpose is one of these. */
export class TicketsimError extends Error {
  readonly retriable: boolean;
  readonly hint: string | undefined;

  constructor(message: string, options: TicketsimErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.hint = options.hint;
  }
}

/** The user asked for something malformed or impossible (exit 2). */
export class UsageError extends TicketsimError {
  /** Every problem found, one line each; `message` joins them. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options: TicketsimErrorOptions = {}) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('; '), options);
    this.problems = list;
  }
}

/** A service could not be reached or misbehaved (exit 3). Names the service and its address. */
export class InfrastructureError extends TicketsimError {
  constructor(
    readonly service: 'redis' | 'mysql' | 'kafka',
    readonly address: string,
    message: string,
    options: TicketsimErrorOptions = {},
  ) {
    super(`${service} at ${address}: ${message}`, { retriable: true, ...options });
  }
}

/** A sale was asked for that does not exist (its stock was never set, or has expired). */
export class SaleNotFoundError extends TicketsimError {}

/** A sale was to be created where one already exists: a sale is never overwritten. */
export class SaleExistsError extends TicketsimError {}

/**
 * A file ticketsim was asked to write (a report) could not be written once the work was done,
 * although it was proved writable before (a full disk): exit 3, the machine around the run failed.
 */
export class OutputError extends TicketsimError {}

/** The run was stopped by the user (Ctrl-C) before it finished. */
export class InterruptedError extends TicketsimError {}

/** Short text for any thrown value, for logs and summaries. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

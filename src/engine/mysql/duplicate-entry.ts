// How MySQL says a UNIQUE key refused a row: a normal reply to a repeat, not a failure.

/** True for the error MySQL/MariaDB raise when a UNIQUE key refuses a row. */
export function isDuplicateEntry(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ER_DUP_ENTRY';
}

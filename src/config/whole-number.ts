// The one check of a whole-number flag, shared by every config builder: in range, or a problem
// that names the flag, the range and what was given.

/** `value` when it is a whole number from `min` to `max`; otherwise adds a problem. Returns it either way. */
export function integer(value: number, label: string, min: number, max: number, problems: string[]): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${label} must be a whole number from ${min} to ${max} (got ${Number.isNaN(value) ? 'not a number' : value})`);
  }
  return value;
}

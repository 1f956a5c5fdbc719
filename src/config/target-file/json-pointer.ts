// JSON pointers (RFC 6901): `/order/status`, `/items/0`, `~1` for `/` and `~0` for `~` in a name.
// Where an outcome rule or a verify source looks inside a JSON reply.

/** True for `''` (the whole document) and `/a/b`, with `~` only as `~0` or `~1`. */
export function isJsonPointer(pointer: string): boolean {
  return pointer === '' || (pointer.startsWith('/') && !/~[^01]|~$/.test(pointer));
}

/** The reference tokens of a valid pointer, unescaped: `/a~1b/0` → `['a/b', '0']`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value a valid pointer refers to in `document`, or undefined when it refers to nothing. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(value)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      value = value[Number(token)];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, token)) {
      value = (value as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return value;
}

/** A problem with a pointer as given, or undefined when it is one: `"status" is not a JSON pointer (write "/status")`. */
export function pointerProblem(pointer: string): string | undefined {
  if (isJsonPointer(pointer)) return undefined;
  if (!pointer.startsWith('/')) return `${JSON.stringify(pointer)} is not a JSON pointer (write ${JSON.stringify(`/${pointer}`)})`;
  return `${JSON.stringify(pointer)} is not a JSON pointer (in a name, ~ is written ~0 and / is written ~1)`;
}

// The fields each object of a target file may have and must have, declared once: the validator
// refuses any other key with these, and the JSON schema's test holds schemas/target.schema.json to
// the same lists.

/** Fields of one kind of object: every field it knows, and those it must have. */
export interface ObjectFields {
  known: readonly string[];
  required: readonly string[];
}

const REQUEST = ['method', 'path', 'headers', 'query', 'json', 'form', 'body'] as const;

/** Every kind of object in a target file whose keys are fixed (not a body, headers or query). */
export const FIELDS = {
  file: {
    known: ['$schema', 'name', 'baseUrl', 'timeoutMs', 'users', 'sale', 'stores', 'setup', 'teardown', 'purchase', 'cancel', 'verify', 'drain', 'promises'],
    required: ['name', 'baseUrl', 'users', 'sale', 'purchase', 'verify'],
  },
  stores: { known: ['mysql', 'redis'], required: [] },
  request: { known: REQUEST, required: ['method', 'path'] },
  operation: { known: [...REQUEST, 'outcomes'], required: ['method', 'path', 'outcomes'] },
  outcomeRule: { known: ['status', 'body', 'bodyMatches', 'json', 'is'], required: ['status', 'is'] },
  step: { known: ['http', 'sql', 'redis', 'redisDelete'], required: [] },
  verify: { known: ['records', 'stock', 'buyerIndex'], required: ['records'] },
  source: { known: ['sql', 'redis', 'http'], required: [] },
  httpSource: { known: ['path', 'pointer'], required: ['path', 'pointer'] },
  drain: { known: ['timeoutMs', 'settleMs'], required: [] },
  promises: { known: ['onePerPerson'], required: [] },
} as const satisfies Record<string, ObjectFields>;

export type ObjectKind = keyof typeof FIELDS;

/** Defaults of the optional scalar fields. */
export const TARGET_DEFAULTS = Object.freeze({
  timeoutMs: 10_000,
  drainTimeoutMs: 30_000,
  settleMs: 1_000,
  onePerPerson: true,
});

/** Upper bounds of the durations, ms. */
export const TARGET_LIMITS = Object.freeze({
  timeoutMs: 600_000,
  drainTimeoutMs: 3_600_000,
  settleMs: 600_000,
});

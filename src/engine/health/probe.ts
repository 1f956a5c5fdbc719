// What a health probe reports about one service, and a deadline helper so no probe can hang.

/** The health of one service as `ticketsim doctor` shows it. */
export interface ProbeResult {
  service: 'redis' | 'mysql' | 'kafka';
  address: string;
  ok: boolean;
  version?: string;
  /** Round-trip time of one trivial request, in milliseconds. */
  rttMs?: number;
  /** Further facts, e.g. `schema: purchases present`. */
  details: string[];
  error?: string;
  hint?: string;
}

/** Rejects with "no answer within Nms" when `work` takes longer than `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds elapsed since `start` (a performance.now() reading), to 0.01 ms. */
export function elapsedMs(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

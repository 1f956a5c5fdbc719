// The buyers of a sale, as every scenario that sells seats names and counts them.
import type { UserId } from '../engine/ports.js';

/** The user id of buyer number `index`. */
export function buyerId(index: number): UserId {
  return `user-${index}`;
}

/** The i-th user of a cancel storm who never bought and cancels anyway. */
export function bogusCancellerId(index: number): UserId {
  return `never-bought-${index}`;
}

/** The i-th new buyer in a cancel storm's waiting line. */
export function rebuyerId(index: number): UserId {
  return `rebuyer-${index}`;
}

/** Every user id a scenario makes, where a check's text names one. */
const SCENARIO_USER = /\b(?:user|rebuyer|never-bought)-\d+\b/g;

/** `text` with every user id a scenario made written as `label` names it (the service's own id). */
export function relabelUsers(text: string, label: (user: UserId) => string): string {
  return text.replace(SCENARIO_USER, (user) => label(user));
}

/** The index of a buyer id made by buyerId(), or undefined for any other id. */
export function buyerIndex(user: UserId): number | undefined {
  const match = /^user-(\d+)$/.exec(user);
  return match === null ? undefined : Number(match[1]);
}

/** What a buyer's answers may have told: one bit per kind of answer. */
const TOLD = { purchased: 1, unknown: 2, 'sold-out': 4, duplicate: 8, rejected: 16, 'lock-timeout': 32, error: 64 } as const;
type ToldKind = keyof typeof TOLD;

/**
 * What each buyer of a purchases-only sale was answered, by buyer index: which kinds of answer, one
 * byte a buyer (ten million buyers cost 10 MB, not ten million map entries), and how often the few
 * told `purchased` more than once were told so, apart. The checks ask it who must hold a record
 * (told purchased) and who may (told purchased or unknown: an unknown answer may have bought a seat).
 */
export class BuyerAnswers {
  private readonly kinds: Uint8Array;
  /** Buyers told `purchased` twice or more, by index: how many times. */
  private readonly repeated = new Map<number, number>();

  constructor(readonly users: number) {
    this.kinds = new Uint8Array(users);
  }

  /** Books buyer `index`'s purchase answer; no outcome is an error (the attempt failed). */
  answered(index: number, outcome: { kind: string } | undefined): void {
    const told = TOLD[(outcome?.kind ?? 'error') as ToldKind] ?? TOLD.error;
    const before = this.kinds[index] ?? 0;
    if (told === TOLD.purchased && (before & TOLD.purchased) !== 0) this.repeated.set(index, (this.repeated.get(index) ?? 1) + 1);
    this.kinds[index] = before | told;
  }

  /** Buyers told `purchased` more than once, with how often. */
  repeats(): { userId: UserId; times: number }[] {
    return [...this.repeated].sort(([a], [b]) => a - b).map(([index, times]) => ({ userId: buyerId(index), times }));
  }

  /** Buyers told `purchased` at least once: each must hold a record. */
  acknowledged(): UserId[] {
    const found: UserId[] = [];
    const { kinds } = this;
    for (let index = 0; index < kinds.length; index++) if ((kinds[index]! & TOLD.purchased) !== 0) found.push(buyerId(index));
    return found;
  }

  /** Whether `user` may hold a record: told purchased, or answered unknown at least once. */
  mayHold(user: UserId): boolean {
    const index = buyerIndex(user);
    if (index === undefined || index >= this.users) return false;
    return ((this.kinds[index] ?? 0) & (TOLD.purchased | TOLD.unknown)) !== 0;
  }

  /** What `user` was told instead (`sold-out`, `duplicate`, …), or [] for a user who never asked. */
  toldOf(user: UserId): ToldKind[] {
    const index = buyerIndex(user);
    if (index === undefined || index >= this.users) return [];
    const bits = this.kinds[index] ?? 0;
    return (Object.keys(TOLD) as ToldKind[]).filter((kind) => (bits & TOLD[kind]) !== 0);
  }
}

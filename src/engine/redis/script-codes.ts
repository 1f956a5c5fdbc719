// The return codes of the Lua scripts in scripts/ and the one translator from a code to what it
// means. Non-negative codes are answers; negative codes are refusals (see each script's header).
import { SaleExistsError, SaleNotFoundError, TicketsimError } from '../../errors.js';
import type { SaleId } from '../ports.js';

/** Every code the scripts return. Keep in step with the `returns` blocks of the .lua files. */
export enum ScriptCode {
  /** Done: created, reserved or released. */
  Ok = 1,
  /** release-2: the user held no seat, nothing changed. */
  Unchanged = 0,
  /** purchase-2: the user already holds a seat. */
  Duplicate = -1,
  /** purchase-2: no stock left. */
  SoldOut = -2,
  /** purchase-2, release-2: the sale's stock key does not exist. */
  SaleNotFound = -3,
  /** create-sale-2: a key of the sale already exists; nothing was overwritten. */
  SaleExists = -4,
  /** fenced-look-3, fenced-purchase-3: a newer fencing token already touched the sale; nothing changed. */
  Stale = -5,
}

/** What a script answered, once its code is understood. Refusals that are errors are thrown instead. */
export type ScriptAnswer = 'ok' | 'unchanged' | 'duplicate' | 'sold-out' | 'stale';

/**
 * Translates a script's return code. Outcomes (`duplicate`, `sold-out`, `stale`) are returned; a
 * missing sale throws a SaleNotFoundError, an already-existing one a SaleExistsError, and a code no
 * script returns a TicketsimError, each naming the sale.
 */
export function translateScriptCode(code: unknown, script: string, sale: SaleId): ScriptAnswer {
  switch (code) {
    case ScriptCode.Ok:
      return 'ok';
    case ScriptCode.Unchanged:
      return 'unchanged';
    case ScriptCode.Duplicate:
      return 'duplicate';
    case ScriptCode.SoldOut:
      return 'sold-out';
    case ScriptCode.Stale:
      return 'stale';
    case ScriptCode.SaleNotFound:
      throw new SaleNotFoundError(`sale ${JSON.stringify(sale)} does not exist in Redis (${script})`);
    case ScriptCode.SaleExists:
      throw new SaleExistsError(`sale ${JSON.stringify(sale)} already exists in Redis; it is never overwritten (${script})`, { hint: 'use a new run id' });
    default:
      throw new TicketsimError(`${script} returned an unexpected value ${JSON.stringify(code)} for sale ${JSON.stringify(sale)}`);
  }
}

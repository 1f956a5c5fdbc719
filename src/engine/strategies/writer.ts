// The write axis, the engine's other axis beside the strategy: how a strategy makes a purchase or a
// cancel durable. `sync` writes MySQL inside the request (v2–v4); `behind` publishes an event and
// answers once the event log acknowledged it, and the worker writes MySQL later (v4.5). Any
// strategy runs with either.
import type { EventBus, Ledger, LedgerWrite, SaleId, UserId, Writer } from '../ports.js';

/** Writes MySQL in the request: INSERT for a purchase, DELETE for a cancel (fenced: guarded by the token). */
export function createSyncWriter(ledger: Ledger): Writer {
  return {
    mode: 'sync',
    purchase: (sale, user) => ledger.record(sale, user),
    cancel: (sale, user) => ledger.remove(sale, user),
    fenced: {
      purchase: (sale, user, token) => ledger.recordFenced(sale, user, token),
      cancel: (sale, user, token) => ledger.removeFenced(sale, user, token),
    },
  };
}

/**
 * Publishes a `purchased` or `cancelled` event and resolves once the log acknowledged it. Nothing
 * here can say `duplicate`: a repeat reaches MySQL later and the worker skips it. Event ids are
 * unique within the writer (the run): `<user>#<n>`.
 */
export function createBehindWriter(bus: EventBus): Writer {
  let next = 0;
  const publish = (type: 'purchased' | 'cancelled', sale: SaleId, user: UserId) => bus.publish({ type, sale, user, id: `${user}#${next++}` });
  return {
    mode: 'behind',
    async purchase(sale, user): Promise<LedgerWrite> {
      await publish('purchased', sale, user);
      return 'inserted';
    },
    async cancel(sale, user) {
      await publish('cancelled', sale, user);
      return true;
    },
  };
}

// The engine's ports, one file a concern under ports/: what strategies need from the Redis side
// (inventory, locks), the MySQL side (ledger) and time (clock), the write-behind path's event log
// and worker fleet, and the run's hooks into the engine. Real adapters (redis/, mysql/, kafka/)
// and in-process ones (memory/) implement them; strategies are written against them only. Import
// from here; the ports import nothing but each other.
export type * from './ports/sale.js';
export type * from './ports/inventory.js';
export type * from './ports/locks.js';
export type * from './ports/ledger.js';
export type * from './ports/row-feed.js';
export type * from './ports/clock.js';
export type * from './ports/observer.js';
export type * from './ports/event-log.js';
export type * from './ports/workers.js';
export type * from './ports/strategy.js';
export type * from './ports/infrastructure.js';

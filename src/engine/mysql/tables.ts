// The one place that names MySQL tables and builds the DDL for them: the original Ticket-System's
// purchases table, the `fenced` strategy's fence table, and the selftest's planted plain tables
// (each run's own name comes from run-names.ts).
import type { LedgerTable } from '../ports.js';

// The ledger port's table type, named here too for the engine target that uses it with these tables.
export type { LedgerTable };

/** The purchases table of the original Ticket-System. */
export const PURCHASES_TABLE = 'purchases';

/** The seed's purchases table, written insert-or-skip. */
export const PURCHASES: LedgerTable = Object.freeze({ name: PURCHASES_TABLE, idempotent: true });

/**
 * How the planted non-idempotent worker's tables begin: the seed's columns without the UNIQUE key,
 * each created by the run that plants it and dropped by that run (its own; nothing shared is ever
 * dropped).
 */
export const PLAIN_TABLE_PREFIX = `${PURCHASES_TABLE}_plain_`;

/** DDL of a plain (no UNIQUE key) table of the run's own. */
export function createPlainTableSql(table: LedgerTable): string {
  return `CREATE TABLE \`${table.name}\` (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id VARCHAR(255) NOT NULL,
  ticket_name VARCHAR(255) NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  KEY k_ticket_user (ticket_name, user_id)
)`;
}

/**
 * Drops the plain table a run created with {@link createPlainTableSql} (which fails rather than
 * adopt a table that already exists, so the run that drops it is the one that made it); refuses
 * any table but a plain one.
 */
export function dropPlainTableSql(table: LedgerTable): string {
  if (table.idempotent || !table.name.startsWith(PLAIN_TABLE_PREFIX)) throw new Error(`${table.name} is not a run's own plain table`);
  return `DROP TABLE \`${table.name}\``;
}

/**
 * The index every read by sale goes through (the checks' read-back, the row watcher, clean): led by
 * ticket_name, so such a read costs the sale's rows, not the table's. With InnoDB's primary key
 * behind it, it is (ticket_name, id): the row watcher's `id > ?` reads only the newest rows.
 */
export const SALE_INDEX = 'k_ticket_name';

/** Idempotent DDL: the seed schema, with the index for reads by sale. */
export const CREATE_PURCHASES_TABLE = `CREATE TABLE IF NOT EXISTS ${PURCHASES_TABLE} (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id VARCHAR(255) NOT NULL,
  ticket_name VARCHAR(255) NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_user_ticket (user_id, ticket_name),
  KEY ${SALE_INDEX} (ticket_name)
)`;

/** Adds the index for reads by sale to a purchases table an older ticketsim created without it. */
export const ADD_SALE_INDEX = `ALTER TABLE ${PURCHASES_TABLE} ADD INDEX ${SALE_INDEX} (ticket_name)`;

/**
 * The `fenced` strategy's MySQL-side fence: per sale (ticket_name), the newest fencing token a
 * guarded write has carried. Only ever raised (GREATEST); a write with an older token is refused.
 */
export const SALE_FENCES_TABLE = 'sale_fences';

/** Idempotent DDL of the fence table. */
export const CREATE_SALE_FENCES_TABLE = `CREATE TABLE IF NOT EXISTS ${SALE_FENCES_TABLE} (
  ticket_name VARCHAR(255) NOT NULL PRIMARY KEY,
  token BIGINT NOT NULL
)`;

/** `CREATE DATABASE IF NOT EXISTS` for a name already validated as [A-Za-z0-9_]. */
export function createDatabaseSql(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS \`${database}\``;
}

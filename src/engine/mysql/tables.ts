// The one place that names MySQL tables and builds the DDL for them (DESIGN.md §1 schema).

/** The purchases table of the original Ticket-System. */
export const PURCHASES_TABLE = 'purchases';

/** Idempotent DDL: the seed schema, unchanged. */
export const CREATE_PURCHASES_TABLE = `CREATE TABLE IF NOT EXISTS ${PURCHASES_TABLE} (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id VARCHAR(255) NOT NULL,
  ticket_name VARCHAR(255) NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uk_user_ticket (user_id, ticket_name)
)`;

/** `CREATE DATABASE IF NOT EXISTS` for a name already validated as [A-Za-z0-9_]. */
export function createDatabaseSql(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS \`${database}\``;
}

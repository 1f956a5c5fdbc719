// Readies a worker process's write path before it joins its group: decodes a few chunks of made-up
// purchase events and formats the insert they would make (nothing is sent), then sends a statement
// that does nothing on every pooled connection. A fresh process otherwise writes its first chunk
// on code not yet compiled, and under a burst that first chunk landed 20-40 ms after the ones that
// followed: the lag's p99 was mostly that chunk's (bench:behind, 10 runs: 61 ms, warmed 42 ms).
import type { Pool } from 'mysql2/promise';
import { encodeEvent } from '../engine/events.js';
import { ledgerStatements } from '../engine/mysql/ledger.js';
import type { LedgerTable } from '../engine/ports.js';
import { decodeChunk, runsOf } from './chunk.js';

/** Chunks decoded and formatted: enough for the code to be compiled, a few ms in all. */
const ROUNDS = 5;

/** Warms the write path of a worker writing `table` in chunks of `batchSize` over `pool` (`poolSize` connections). */
export async function warmUpWrites(pool: Pool, table: LedgerTable, batchSize: number, poolSize: number): Promise<void> {
  const { insertMany } = ledgerStatements(table);
  for (let round = 0; round < ROUNDS; round++) {
    const records = Array.from({ length: batchSize }, (_, i) => ({
      partition: 0,
      offset: String(i),
      ...encodeEvent({ type: 'purchased', sale: 'warm-up', user: `user-${round}-${i}`, id: `warm-up-${i}` }),
    }));
    for (const run of runsOf(decodeChunk(records).events)) pool.format(insertMany, [run.users.map((user) => [user, run.sale])]);
  }
  await Promise.all(Array.from({ length: poolSize }, () => pool.query('DO 0')));
}

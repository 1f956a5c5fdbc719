// The names of a run: their formats (existing data and tests depend on them), the round trip from
// every name back to its run and start time, and strict parsing: a look-alike is no run's name.
import { describe, expect, it } from 'vitest';
import { RUN_NAME_SCOPE, newRunId, runIdOf, runNames, runOfName, runStartedAt } from './run-names.js';
import type { RunNameKind } from './run-names.js';

const STARTED = Date.UTC(2025, 11, 1, 13, 2, 11, 345);
const RUN = newRunId(STARTED);

describe('run names', () => {
  it('keep the formats runs have always had', () => {
    const names = runNames('mx4n0hrn-e86f');
    expect(names).toEqual({
      runId: 'mx4n0hrn-e86f',
      sale: 'concert-mx4n0hrn-e86f',
      keys: {
        stock: 'ticketsim:{concert-mx4n0hrn-e86f}:stock',
        buyers: 'ticketsim:{concert-mx4n0hrn-e86f}:buyers',
        lock: 'ticketsim:{concert-mx4n0hrn-e86f}:lock',
        fence: 'ticketsim:{concert-mx4n0hrn-e86f}:fence',
        fenceSeen: 'ticketsim:{concert-mx4n0hrn-e86f}:fence-seen',
      },
      topic: 'ticketsim.sales.mx4n0hrn-e86f',
      dlqTopic: 'ticketsim.sales.mx4n0hrn-e86f.dlq',
      group: 'ticketsim-workers-mx4n0hrn-e86f',
      plainTable: { name: 'purchases_plain_mx4n0hrn_e86f', idempotent: false },
    });
  });

  it('take a test\'s own ids, and refuse one that cannot name a table', () => {
    expect(runNames('it_4242p3fa9c1').plainTable.name).toBe('purchases_plain_it_4242p3fa9c1');
    expect(() => runNames('a.b')).toThrow(/cannot name a table/);
  });

  it('new run ids carry their start time, sort by it, and differ', () => {
    expect(RUN).toMatch(/^[0-9a-z]{8}-[0-9a-f]{4}$/);
    expect(runStartedAt(RUN)).toBe(STARTED);
    expect(newRunId(STARTED + 1) > RUN).toBe(true);
    expect(new Set(Array.from({ length: 50 }, () => newRunId(STARTED))).size).toBeGreaterThan(40);
    for (const id of ['finals', 'mx4n0hrn', 'mx4n0hrn-E86F', 'mx4n0hrn-e86', 'mx4n0hr-e86f', 'MX4N0HRN-e86f', 'mx4n0hrn-e86f0']) {
      expect(runStartedAt(id), id).toBeUndefined();
    }
  });

  it('parse back to their run and its start time, every one of them', () => {
    const names = runNames(RUN);
    const all: [RunNameKind, string][] = [
      ['sale', names.sale],
      ...Object.values(names.keys).map((key): [RunNameKind, string] => ['key', key]),
      ['topic', names.topic],
      ['topic', names.dlqTopic],
      ['group', names.group],
      ['table', names.plainTable.name],
    ];
    for (const [kind, name] of all) expect(runOfName(kind, name), name).toEqual({ runId: RUN, startedAtMs: STARTED });
  });

  it('reject look-alikes, near misses and names of another kind', () => {
    const names = runNames(RUN);
    const rejected: [RunNameKind, string][] = [
      ['sale', 'concert-finals'],
      ['sale', `concert-${RUN}-finals`],
      ['sale', `Concert-${RUN}`],
      ['sale', RUN],
      ['sale', 'it-4242p3fa9c1'],
      ['key', 'shop:{x}:stock'],
      ['key', `shop:{concert-${RUN}}:stock`],
      ['key', 'ticketsim:{concert-finals}:stock'],
      ['key', `ticketsim:{concert-${RUN}}:stock-copy`],
      ['key', `ticketsim:{concert-${RUN}}:`],
      ['key', `ticketsim:{concert-${RUN}}`],
      ['key', `ticketsim:concert-${RUN}:stock`],
      ['topic', 'ticketsim.sales.production'],
      ['topic', `ticketsim.sales.${RUN}.production`],
      ['topic', `${names.dlqTopic}.dlq`],
      ['topic', 'ticketsim.purchases'],
      ['topic', 'ticketsim.it.4242p3fa9c1'],
      ['group', 'ticketsim-worker'],
      ['group', `ticketsim-workers-${RUN}-old`],
      ['group', 'ticketsim-it-4242p3fa9c1'],
      ['table', 'purchases'],
      ['table', 'purchases_plain_it_4242p3fa9c1'],
      ['table', `purchases_plain_${RUN}`],
      ['table', `${names.plainTable.name}_copy`],
      // A run's name, asked as another kind.
      ['sale', names.topic],
      ['topic', names.group],
      ['group', names.sale],
      ['table', names.sale],
      ['key', names.sale],
    ];
    for (const [kind, name] of rejected) expect(runOfName(kind, name), `${kind} ${name}`).toBeUndefined();
  });

  it('say which run a name given as a run id stands for', () => {
    const names = runNames(RUN);
    for (const given of [RUN, names.sale, names.keys.buyers, names.dlqTopic, names.group, names.plainTable.name]) expect(runIdOf(given), given).toBe(RUN);
    for (const given of ['concert-finals', 'mx4n0hrn', '']) expect(runIdOf(given), given).toBeUndefined();
  });

  it('fall inside the scope a store is listed by', () => {
    const names = runNames(RUN);
    const like = (pattern: string) => new RegExp(`^${pattern.replace(/\\_/g, '_').replace(/%/g, '.*')}$`);
    expect(Object.values(names.keys).every((key) => key.startsWith(RUN_NAME_SCOPE.redisMatch.replace(/\*$/, '')))).toBe(true);
    expect(names.sale).toMatch(like(RUN_NAME_SCOPE.saleLike));
    expect(names.plainTable.name).toMatch(like(RUN_NAME_SCOPE.tableLike));
    expect(RUN_NAME_SCOPE.tableLike).toBe('purchases\\_plain\\_%');
    expect([names.topic, names.dlqTopic].every((topic) => topic.startsWith(RUN_NAME_SCOPE.topicPrefix))).toBe(true);
    expect(names.group.startsWith(RUN_NAME_SCOPE.groupPrefix)).toBe(true);
  });
});

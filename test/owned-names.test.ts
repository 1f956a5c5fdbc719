// The integration tests' own names: which are leftovers of a test process that is gone (removed
// before the next run) and which belong to a live process or to nobody's test (left alone).
import { describe, expect, it } from 'vitest';
import { isLeftover, kafkaNamesOf, ownedId } from './integration/owned-names.js';

/** Only process 4242 lives. */
const alive = (pid: number) => pid === 4242;

describe('owned test names', () => {
  it('carry this process id, in every form a test uses', () => {
    const id = ownedId();
    expect(id).toMatch(new RegExp(`^${process.pid}p[0-9a-f]{6}$`));
    const names = [`it-${id}`, `it-fenced-${id}`, `ticketsim:{it-${id}}:stock`, `purchases_plain_it_${id}`, ...Object.values(kafkaNamesOf(id))];
    // This process lives: none of its names is a leftover, whatever the liveness check says.
    expect(names.filter((name) => isLeftover(name, () => false))).toEqual([]);
  });

  it('are leftovers when their process is gone, and only then', () => {
    const lookAlikes = ['concert-finals-4241p3fa9c1', 'shop:{it-4241p3fa9c1}:stock', 'ticketsim:{concert-finals-4241p3fa9c1}:stock', 'ticketsim:{concert-mx4n0hrn-e86f}:stock-4241p3fa9c1', 'ticketsim.sales.production-4241p3fa9c1', 'ticketsim.sales.mx4n0hrn-e86f.copy-4241p3fa9c1', 'ticketsim-workers-production-4241p3fa9c1'];
    for (const name of ['it-4241p3fa9c1', 'ticketsim.it.4241p3fa9c1.dlq', 'ticketsim-it-4241p3fa9c1', 'ticketsim:{it-fenced-4241p3fa9c1}:buyers', 'purchases_plain_it_4241p3fa9c1', 'ticketsim-it-foreign:4241p3fa9c1', 'it_4241p3fa9c1', ...lookAlikes]) {
      expect(isLeftover(name, alive)).toBe(true);
    }
    expect(isLeftover('it-4242p3fa9c1', alive)).toBe(false);
  });

  it('never match a name that is not a test\'s', () => {
    for (const name of ['concert-mx4n0hrn-e86f', 'ticketsim:{concert-mx4n0hrn-e86f}:fence-seen', 'ticketsim.sales.mx4n0hrn-e86f', 'ticketsim-workers-mx4n0hrn-e86f', 'purchases_plain_mx4n0hrn_e86f', 'it-12345', 'it-4241p3fa9', 'it-4241p3fa9c1x', 'shop-4241p3fa9c17']) {
      expect(isLeftover(name, alive)).toBe(false);
    }
  });
});

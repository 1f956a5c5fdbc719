// The concurrency-control strategies by name, with the words every surface uses for them: a short
// tag for --help and the menu, what the strategy does, and why it holds or fails (the report's
// two lines). The engine implements them (engine/strategies/); this file only names and explains.

/** Concurrency-control strategies of the engine, weakest first (the order of README.md's strategy table). */
export const STRATEGIES = ['naive', 'lock', 'precheck', 'dcl', 'fenced', 'lua'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** What a strategy does, why it holds and how it fails, for one kind of workload. */
export interface StrategyStory {
  /** What it does, in one sentence. */
  does: string;
  /** Why it keeps its promises when every check holds. */
  holds: string;
  /** The mechanism behind its failures when a check fails. */
  fails: string;
}

/** How a strategy is described to users: its purchase story, and its cancel story for cancel-storm. */
export interface StrategyInfo extends StrategyStory {
  /** A few words for --help and the menu. */
  tag: string;
  /** The story when the workload is cancelling (the cancel-storm scenario). */
  cancel: StrategyStory;
}

/** The lock family's cancel: the seed's v4 order under the sale's lock. */
const LOCKED_CANCEL: StrategyStory = {
  does: 'cancels under the sale\'s lock: DELETE the row, and only when one went, give the seat back (stock + 1) and drop the buyer (the original v4).',
  holds: 'MySQL decides under the lock: of duplicate cancels only the one that deleted the row gives a seat back, and a bogus cancel deletes nothing.',
  fails: 'a lock holder lost mutual exclusion or a store failed between the DELETE and the seat coming back.',
};

export const STRATEGY_INFO: Readonly<Record<StrategyName, StrategyInfo>> = Object.freeze({
  naive: {
    tag: 'read stock, write stock-1: oversells',
    does: 'reads the stock and writes stock − 1 in a separate round trip, with no lock and no buyer look-up.',
    holds: 'no two requests happened to interleave between its read and its write.',
    fails: 'concurrent requests read the same stock before any write lands, so each sells "the last" seats again (lost updates).',
    cancel: {
      does: 'cancels by deleting the row, adding a seat back and dropping the buyer, each whatever the step before found: it never asks MySQL whether there was a purchase.',
      holds: 'no cancel was repeated or bogus, and no purchase raced another.',
      fails: 'every duplicate or bogus cancel still gives a seat back, so the sale ends with seats it never had (over-stocking), and the lost updates of its purchases add more.',
    },
  },
  lock: {
    tag: 'Redlock around the sale, no buyer check; v2',
    does: 'takes one Redlock lock per sale around read stock → decrement → add buyer → insert, without looking the buyer up first (the original v2).',
    holds: 'the lock serialises every purchase, and no buyer who already held a seat reached the decrement again, so no seat leaked.',
    fails: 'a repeat request of a buyer decrements the stock again; the UNIQUE key refuses the row but the seat is never handed back (leaked).',
    cancel: LOCKED_CANCEL,
  },
  precheck: {
    tag: 'buyer look-up before the lock only',
    does: 'looks the buyer up in Redis before taking the lock, then buys under the lock without looking again (half of double-checked locking).',
    holds: 'no two requests of one buyer were in flight at once, so the look-up before the lock saw every earlier purchase.',
    fails: 'requests of one buyer pass the look-up together before any of them holds the lock, then each decrements in turn: the repeats leak seats.',
    cancel: LOCKED_CANCEL,
  },
  dcl: {
    tag: 'look-up, lock, look-up again; v3',
    does: 'looks the buyer up before the lock (cheap rejection without lock traffic), takes the lock, looks again, then buys (the original v3).',
    holds: 'the look-up under the lock sees every purchase that finished before it, so a repeat request is turned away before it touches the stock.',
    fails: 'a lock holder lost mutual exclusion (it outlived the lock TTL) or a store failed between steps.',
    cancel: LOCKED_CANCEL,
  },
  fenced: {
    tag: 'lock + fencing token the stores check',
    does: 'takes the sale\'s lock and a fencing token (a per-sale counter: 1, 2, 3, …), looks the buyer and the stock up under that token, reserves the seat in one atomic step and inserts the row; Redis and MySQL each refuse a step carrying an older token than one they have already seen.',
    holds: 'a lock holder that stalls past the lock\'s TTL loses the lock, and the next buyer gets in while the first still has to write; but the next buyer carries a newer token, and once Redis or MySQL has seen it they refuse the stalled holder\'s older one, so its late write never lands (it hands back what it took and tries again) and no seat is sold twice.',
    fails: 'a store accepted a step without comparing tokens (the stores were changed from outside, or writing behind, where only the event log orders the worker\'s writes), or a store failed between steps.',
    cancel: {
      does: 'cancels under the sale\'s lock with a fresh token: the DELETE lands only while MySQL has seen no newer token, and only when it removed a row does one atomic script drop the buyer and give the seat back.',
      holds: 'of duplicate cancels only the one that deleted the row gives a seat back, a bogus cancel deletes nothing, and a cancel whose lock ran out is refused by MySQL rather than deleting behind a newer holder.',
      fails: 'a store failed between the DELETE and the seat coming back, or the stores were changed from outside.',
    },
  },
  lua: {
    tag: 'one atomic Lua script',
    does: 'checks the buyer and the stock, decrements and adds the buyer in one atomic Redis script, then inserts the row.',
    holds: 'nothing can run between the check and the decrement: Redis executes the script as one step.',
    fails: 'a store failed between the script and the insert, or the stores were changed from outside.',
    cancel: {
      does: 'cancels without a lock: the DELETE decides, and only when it removed a row does one atomic script drop the buyer and give the seat back.',
      holds: 'of duplicate cancels racing for one row exactly one DELETE finds it, and the script gives a seat back only for a buyer it really removed.',
      fails: 'a store failed between the DELETE and the script, or the stores were changed from outside.',
    },
  },
});

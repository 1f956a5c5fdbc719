// How the in-process stores show themselves to an explored run (step-schedule.ts): each a flat map
// of named entries (`stock` → `1`, `buyers` → `{user-0}`), merged into one view of every store.

/** The stores as a flat map, for the changes of a step. */
export type StoreView = () => Record<string, string>;

/** A store entry's name in a view: the sale is left out while there is only one. */
export function named(entry: string, sale: string, sales: number): string {
  return sales === 1 ? entry : `${entry} of ${sale}`;
}

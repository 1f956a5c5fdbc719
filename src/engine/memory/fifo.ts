// A first-in, first-out queue with O(1) removal from the front: the in-process pool's line of
// queries waiting for a connection.

/** A FIFO of waiting callbacks with O(1) removal from the front. */
export function createFifo<T>() {
  let items: T[] = [];
  let head = 0;
  return {
    push: (item: T) => void items.push(item),
    shift(): T | undefined {
      if (head >= items.length) return undefined;
      const item = items[head++];
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
  };
}

/**
 * Runs `work` over `items` with at most `limit` in flight, taking items in order so the
 * first items (the most failing functions) start first.
 *
 * @example
 * ```ts
 * await forEachLimited(functions, 4, (fn) => scan(fn));
 * ```
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * The one concurrency limiter: at most `limit` calls in flight, items started in order (so the
 * first items — the most failing functions, the oldest records — start first), results kept in
 * the order of the items.
 *
 * @example
 * ```ts
 * const claims = await mapLimit(items, 16, (item) => store.claim(item.key, token, lease, now));
 * ```
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/**
 * `mapLimit` for work whose results are not needed.
 *
 * @example
 * ```ts
 * await forEachLimit(functions, 4, (fn) => scan(fn));
 * ```
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  await mapLimit(items, limit, work);
}

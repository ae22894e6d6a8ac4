/**
 * "Did you mean …?" for misspelt config keys and CLI options: the closest known name by edit
 * distance, when it is close enough to be a likely typo.
 */

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two letters costs 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known name closest to `name`, or undefined when none is within a third of its length
 * (at least 1, at most 3 edits).
 *
 * @example
 * ```ts
 * didYouMean('slakc', ['slack', 'routes']); // 'slack'
 * didYouMean('out', ['output']);           // 'output'
 * didYouMean('zzz', ['slack']);             // undefined
 * ```
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  // A cut-short name ("--out" for "--output") is the likeliest slip of all.
  const prefixed =
    name.length >= 2 ? known.filter((k) => k.toLowerCase().startsWith(name.toLowerCase())) : [];
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

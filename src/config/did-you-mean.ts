// What a mistyped word was probably meant to be: the one suggestion helper behind every "did you
// mean …?" ticketsim prints, for unknown options and commands as for unknown scenario, strategy,
// infra, write-mode and fault names.

/** Edit distance counting an adjacent transposition as one edit (optimal string alignment): `rael` → `real` is 1. */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i characters of a and the first j of b.
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const above = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate `given` most likely meant, compared without regard to case: the nearest by edit
 * distance when that is within a third of the longer word's length (at least one edit, and fewer
 * edits than `given` has letters), else the only candidate `given` begins (three letters or more);
 * undefined when nothing is near enough to be a likely typo. Ties go to the earlier candidate.
 */
export function closestMatch(given: string, candidates: Iterable<string>): string | undefined {
  const word = given.toLowerCase();
  const list = [...candidates];
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of list) {
    const distance = editDistance(word, candidate.toLowerCase());
    const near = distance <= Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3)) && distance < word.length;
    if (near && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  if (best !== undefined) return best.candidate;
  const starting = word.length >= 3 ? list.filter((candidate) => candidate.toLowerCase().startsWith(word)) : [];
  return starting.length === 1 ? starting[0] : undefined;
}

/**
 * `; did you mean lock?` when a candidate is near `given` (see {@link closestMatch}), else ''.
 * `show` writes the suggestion the way the user would type it, e.g. `--users`.
 */
export function didYouMean(given: string, candidates: Iterable<string>, show: (candidate: string) => string = (candidate) => candidate): string {
  const match = closestMatch(given, candidates);
  return match === undefined ? '' : `; did you mean ${show(match)}?`;
}

/** `--strategy "lok" is not one of naive, lock, …; did you mean lock?`: the wording of every unknown choice. */
export function unknownChoice(label: string, given: string, allowed: readonly string[]): string {
  return `${label} "${given}" is not one of ${allowed.join(', ')}${didYouMean(given, allowed)}`;
}

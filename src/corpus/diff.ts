/** A small line diff (LCS), enough for transcripts of a few hundred lines. */
export function diffLines(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j] = length of the LCS of expected[i..] and actual[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const next = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = expected[i] === actual[j] ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expected[i] ?? ''}`);
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push(`+ ${actual[j] ?? ''}`);
      j++;
    } else {
      out.push(`- ${expected[i] ?? ''}`);
      i++;
    }
  }
  return out;
}

/** Only the changed lines of a diff, each with up to `context` unchanged lines around it. */
export function hunks(diff: readonly string[], context = 2): string[] {
  const keep = new Set<number>();
  diff.forEach((l, k) => {
    if (!l.startsWith('  ')) for (let d = -context; d <= context; d++) keep.add(k + d);
  });
  const out: string[] = [];
  let last = -2;
  for (let k = 0; k < diff.length; k++) {
    if (!keep.has(k)) continue;
    if (k !== last + 1 && out.length > 0) out.push('  ...');
    out.push(diff[k] ?? '');
    last = k;
  }
  return out;
}

/**
 * The EHLO diff's rows: one reply before and after a change, merged into one list in which every line
 * is kept, removed or added (a longest common subsequence; EHLO replies are a dozen lines). DOM-free.
 */

export interface EhloRow {
  readonly kind: 'same' | 'del' | 'add';
  readonly text: string;
}

export function ehloRows(before: readonly string[], after: readonly string[]): EhloRow[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = before[i] === after[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const rows: EhloRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const b = before[i];
    const a = after[j];
    if (i < n && j < m && b === a) {
      rows.push({ kind: 'same', text: b as string });
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // Removed lines before added ones, as a diff reads.
      rows.push({ kind: 'del', text: b as string });
      i++;
    } else {
      rows.push({ kind: 'add', text: a as string });
      j++;
    }
  }
  return rows;
}

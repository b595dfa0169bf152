/**
 * The changed lines between two versions of a configuration file, for the panel's "not live yet" diff
 * and the highlighted lines of the file views. DOM-free and pure.
 *
 * Common leading and trailing lines are set aside first; the rest is compared with Myers' algorithm,
 * which is fast when the change is small (the usual case: a few edited lines in a long file). A change
 * bigger than MAX_EDIT_DISTANCE lines is reported as all removed and all added, so a whole file pasted
 * in cannot freeze the page.
 */

export interface DiffLine {
  readonly kind: 'del' | 'add';
  readonly text: string;
  /** 1-based line number: in the old text for `del`, in the new one for `add`. */
  readonly line: number;
}

/** Above this many differences (removed plus added lines), the middle is reported whole instead. */
export const MAX_EDIT_DISTANCE = 2000;

/** Lines without their terminators; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = 'eq' | 'del' | 'add';

/**
 * Myers' O((N+M)·D) shortest edit script between a[0..n) and b[0..m), or null when it needs more than
 * `maxD` edits. Only the diagonals in reach are kept per step, so memory stays O(D²).
 */
function editScript(a: readonly string[], b: readonly string[], maxD: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(maxD, max); d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[off + k - 1] ?? 0) < (v[off + k + 1] ?? 0));
      let x = down ? (v[off + k + 1] ?? 0) : (v[off + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d] ?? new Int32Array(0);
    const get = (k: number) => snap[k + d + 1] ?? 0;
    const k = x - y;
    const prevK = d === 0 ? 0 : k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('eq');
      x--;
      y--;
    }
    if (d > 0) ops.push(x === prevX ? 'add' : 'del');
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

export interface DiffOptions {
  /** See MAX_EDIT_DISTANCE. */
  readonly maxEdits?: number;
  /**
   * A change that replaces N lines by N lines is listed line by line (old, new, old, new...), which
   * reads best for edits such as uncommenting a block. Otherwise all removals come first.
   */
  readonly pairs?: boolean;
}

/** The removed and added lines turning `before` into `after`, in file order (removals first in a change). */
export function diffLines(before: string, after: string, options: DiffOptions = {}): DiffLine[] {
  const maxEdits = options.maxEdits ?? MAX_EDIT_DISTANCE;
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  const dels: DiffLine[] = [];
  const adds: DiffLine[] = [];
  const flush = () => {
    if (options.pairs === true && dels.length === adds.length) {
      for (const [k, d] of dels.entries()) out.push(d, adds[k] ?? d);
    } else out.push(...dels, ...adds);
    dels.length = 0;
    adds.length = 0;
  };
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = editScript(midA, midB, maxEdits) ?? [...midA.map((): Op => 'del'), ...midB.map((): Op => 'add')];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === 'eq') {
      flush();
      i++;
      j++;
    } else if (op === 'del') {
      dels.push({ kind: 'del', text: midA[i] ?? '', line: start + i + 1 });
      i++;
    } else {
      adds.push({ kind: 'add', text: midB[j] ?? '', line: start + j + 1 });
      j++;
    }
  }
  flush();
  return out;
}

/** The 1-based numbers of the lines of `after` that are new or changed since `before`. */
export function changedLines(before: string, after: string, maxEdits: number = MAX_EDIT_DISTANCE): Set<number> {
  const out = new Set<number>();
  for (const d of diffLines(before, after, { maxEdits })) if (d.kind === 'add') out.add(d.line);
  return out;
}

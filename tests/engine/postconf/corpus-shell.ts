/**
 * Just enough of a shell to replay the command blocks of the corpus transcripts
 * (postconf-behaviours, postconf-defaults-tls-sasl, terminal/term-postfix-cli) against
 * runPostconf: `;`, `|`, quotes, `>>` and `>/dev/null`, and the few programs the recorder
 * used around postconf (echo, printf, sed -i '$d', grep, tail, head, wc -l).
 */
import { hotReadCount } from '../../../src/engine/config/main-cf.ts';
import { runPostconf } from '../../../src/engine/postconf/run-postconf.ts';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr merged as a terminal shows them. */
  readonly merged: string;
  readonly exit: number;
  /** Programs in the line that this shell does not run (postfix, openssl, dpkg, ...). */
  readonly unhandled: readonly string[];
}

const MAIN = '/etc/postfix/main.cf';

/** Splits on an unquoted separator character. */
function splitTop(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (const ch of line) {
    if (q !== null) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === "'" || ch === '"') {
      q = ch;
      cur += ch;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function words(stage: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let q: string | null = null;
  for (const ch of stage) {
    if (q !== null) {
      if (ch === q) q = null;
      else cur = (cur ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      q = ch;
      cur = cur ?? '';
    } else if (ch === ' ' || ch === '\t') {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? '') + ch;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function printfFormat(fmt: string): string {
  return fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
}

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function joinLines(l: readonly string[]): string {
  return l.length === 0 ? '' : `${l.join('\n')}\n`;
}

export class CorpusMachine {
  main: string;
  master: string;
  /** Milliseconds; main.cf was last written at `mtime`. */
  now = 1_700_000_000_350;
  mtime = 0;

  constructor(main: string, master: string) {
    this.main = main;
    this.master = master;
  }

  #touch(): void {
    this.mtime = this.now;
  }

  run(line: string): CommandResult {
    let stdout = '';
    let stderr = '';
    let merged = '';
    let exit = 0;
    const unhandled: string[] = [];
    for (const part of splitTop(line, ';')) {
      const stages = splitTop(part, '|');
      let input = '';
      let stageOut = '';
      let mergedDone = false;
      for (const [i, stage] of stages.entries()) {
        let argv = words(stage);
        let append: string | null = null;
        let devnull = false;
        const at = argv.indexOf('>>');
        if (at >= 0) {
          append = argv[at + 1] ?? null;
          argv = argv.slice(0, at);
        }
        if (argv.includes('>/dev/null')) {
          devnull = true;
          argv = argv.filter((a) => a !== '>/dev/null');
        }
        const [prog, ...args] = argv;
        let out = '';
        switch (prog) {
          case 'postconf': {
            this.now += 50;
            const reads = hotReadCount(this.mtime, this.now);
            const r = runPostconf(args, { mainCf: this.main, masterCf: this.master }, { pid: 4242, mainCfReads: reads });
            out = r.stdout;
            stderr += r.stderr;
            exit = r.exitCode;
            const last = i === stages.length - 1 && !devnull && append === null;
            for (const c of r.output) if (c.stream === 'stderr' || last) merged += c.text;
            if (last) mergedDone = true;
            if (r.mainCf !== undefined) {
              this.main = r.mainCf;
              this.#touch();
            }
            if (r.masterCf !== undefined) this.master = r.masterCf;
            // Later commands run seconds later: main.cf is cool again.
            this.now += 3000;
            break;
          }
          case 'echo':
            out = `${args.join(' ')}\n`;
            exit = 0;
            break;
          case 'printf':
            out = printfFormat(args[0] ?? '');
            exit = 0;
            break;
          case 'sed':
            if (args[0] === '-i' && args[1] === '$d' && args[2] === MAIN) {
              this.main = joinLines(lines(this.main).slice(0, -1));
              this.#touch();
              exit = 0;
            } else unhandled.push(stage);
            break;
          case 'grep': {
            const icase = args[0] === '-i';
            const number = args[0] === '-n';
            const pat = args[icase || number ? 1 : 0] ?? '';
            const file = args[icase || number ? 2 : 1];
            const text = file === MAIN ? this.main : input;
            const hits = lines(text)
              .map((l, k) => [l, k + 1] as const)
              .filter(([l]) => (icase ? l.toLowerCase().includes(pat.toLowerCase()) : l.includes(pat)));
            out = joinLines(hits.map(([l, k]) => (number ? `${k}:${l}` : l)));
            exit = hits.length > 0 ? 0 : 1;
            break;
          }
          case 'tail': {
            const n = Number((args[0] === '-n' ? args[1] : args[0]?.slice(1)) ?? '10');
            out = joinLines(lines(input).slice(-n));
            exit = 0;
            break;
          }
          case 'head': {
            const n = Number((args[0] === '-n' ? args[1] : args[0]?.slice(1)) ?? '10');
            out = joinLines(lines(input).slice(0, Number.isFinite(n) ? n : 10));
            exit = 0;
            break;
          }
          case 'wc':
            out = `${lines(input).length}\n`;
            exit = 0;
            break;
          default:
            unhandled.push(stage);
        }
        if (append === MAIN) {
          this.main += out;
          this.#touch();
          out = '';
        }
        if (devnull) out = '';
        input = out;
        stageOut = out;
      }
      stdout += stageOut;
      if (!mergedDone) merged += stageOut;
    }
    return { stdout, stderr, merged, exit, unhandled };
  }
}

/**
 * `mail [-s SUBJECT] [-c CC] [-b BCC] [-r FROM] TO...`: sending as bsd-mailx 8.1.2 does with Debian's
 * mail.rc (texts in net/mail-texts.ts). On a terminal: `Subject: ` when -s is missing, the body up to a
 * line with a single `.` or Ctrl-D, then `Cc: `; the message goes to sendmail (the world's queue) with
 * To/Cc/Subject headers. Piped input is the body, without prompts.
 * Reading mail is not simulated: `mail` alone says `No mail for root` when the mailbox is empty, and
 * points to the mailbox file otherwise (our own text).
 */
import type { Program, ProgramContext } from '../program.ts';
import type { InteractiveSession, SessionIo } from '../session.ts';
import type { LabEnv } from './net/lab-env.ts';
import * as T from './net/mail-texts.ts';
import { guarded } from './net/tool-output.ts';

interface Letter {
  subject: string | null;
  readonly to: string[];
  readonly cc: string[];
  readonly bcc: string[];
  from: string | null;
  readonly headers: string[];
}

function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

function compose(l: Letter, body: string): string {
  const h: string[] = [];
  if (l.to.length > 0) h.push(`To: ${l.to.join(', ')}`);
  if (l.cc.length > 0) h.push(`Cc: ${l.cc.join(', ')}`);
  if (l.subject !== null && l.subject !== '') h.push(`Subject: ${l.subject}`);
  h.push(...l.headers);
  return `${h.join('\n')}\n\n${body}`;
}

function send(env: LabEnv, ctx: ProgramContext, l: Letter, body: string): number {
  const args = ['-i', ...(l.from === null ? [] : ['-f', l.from]), '--', ...l.to, ...l.cc, ...l.bcc];
  const r = guarded('mail', () => env.world.queue.sendmail(args, compose(l, body)));
  ctx.stderr.write(r.stdout + r.stderr);
  return r.exitCode === 0 ? 0 : 1;
}

class ComposeSession implements InteractiveSession {
  readonly mode = 'cooked';
  readonly #env: LabEnv;
  readonly #ctx: ProgramContext;
  readonly #letter: Letter;
  #io: SessionIo | null = null;
  #phase: 'subject' | 'body' | 'cc' = 'body';
  #body: string[] = [];
  #interrupted = false;

  constructor(env: LabEnv, ctx: ProgramContext, letter: Letter) {
    this.#env = env;
    this.#ctx = ctx;
    this.#letter = letter;
  }

  start(io: SessionIo): void {
    this.#io = io;
    if (this.#letter.subject === null) {
      this.#phase = 'subject';
      io.write(T.SUBJECT_PROMPT);
    }
  }

  #prompt(): string {
    return this.#phase === 'subject' ? T.SUBJECT_PROMPT : this.#phase === 'cc' ? T.CC_PROMPT : '';
  }

  #endBody(): void {
    this.#phase = 'cc';
    this.#io?.write(T.CC_PROMPT);
  }

  onInput(data: string): void {
    const line = data.replace(/\n$/, '');
    switch (this.#phase) {
      case 'subject':
        this.#letter.subject = line;
        this.#phase = 'body';
        return;
      case 'body':
        if (line === '.') this.#endBody();
        else this.#body.push(`${line}\n`);
        return;
      case 'cc':
        this.#letter.cc.push(...splitAddresses(line));
        this.#io?.exit(send(this.#env, this.#ctx, this.#letter, this.#body.join('')));
        return;
    }
  }

  onEof(): void {
    if (this.#phase === 'body') this.#endBody();
    else if (this.#phase === 'subject') {
      this.#letter.subject = '';
      this.#phase = 'body';
    } else this.#io?.exit(send(this.#env, this.#ctx, this.#letter, this.#body.join('')));
  }

  onInterrupt(): boolean {
    if (!this.#interrupted) {
      this.#interrupted = true;
      this.#io?.write(T.INTERRUPT_ONCE + this.#prompt());
      return true;
    }
    // The second one kills the letter (Debian's mail.rc `save` keeps it in ~/dead.letter).
    const home = this.#ctx.shell.home;
    const fs = this.#ctx.host.fs;
    const dead = `${home}/dead.letter`;
    fs.write(dead, (fs.read(dead) ?? '') + compose(this.#letter, this.#body.join('')));
    this.#io?.exit(1);
    return true;
  }
}

const FLAGS = 'dEIinvN';
const WITH_VALUE = 'abcrsu';

export function mailProgram(env: LabEnv): Program {
  return {
    name: 'mail',
    usage: 'mail [-s SUBJECT] [-c CC] RECIPIENT...',
    run(ctx) {
      const argv = ctx.argv.slice(1);
      const l: Letter = { subject: null, to: [], cc: [], bcc: [], from: null, headers: [] };
      let composeFlags = false;
      let readFile: string | null = null;
      for (let i = 0; i < argv.length; i++) {
        const a = argv[i] ?? '';
        if (a === '--') {
          l.to.push(...argv.slice(i + 1));
          break;
        }
        if (a.startsWith('-') && a.length > 1) {
          for (let j = 1; j < a.length; j++) {
            const c = a[j] ?? '';
            if (c === 'f') {
              readFile = argv[i + 1] ?? `${ctx.shell.home}/mbox`;
              if (argv[i + 1] !== undefined) i++;
              break;
            }
            if (WITH_VALUE.includes(c)) {
              let v = a.slice(j + 1);
              if (v === '') {
                if (i + 1 >= argv.length) {
                  ctx.stderr.write(`mail: option requires an argument -- '${c}'\n${T.USAGE}`);
                  return 1;
                }
                v = argv[++i] ?? '';
              }
              if (c === 's') l.subject = v;
              else if (c === 'c') l.cc.push(...splitAddresses(v));
              else if (c === 'b') l.bcc.push(...splitAddresses(v));
              else if (c === 'r') l.from = v;
              else if (c === 'a') l.headers.push(v);
              if (c !== 'u' && c !== 'a') composeFlags = true;
              break;
            }
            if (!FLAGS.includes(c)) {
              ctx.stderr.write(T.invalidOption(c) + T.USAGE);
              return 1;
            }
          }
          continue;
        }
        l.to.push(a);
      }
      if (l.to.length === 0) {
        if (composeFlags) {
          ctx.stderr.write(T.NEED_RECIPIENTS);
          return 1;
        }
        const box = readFile ?? `/var/mail/${ctx.shell.vars.get('USER') ?? 'root'}`;
        const text = ctx.host.fs.read(box) ?? '';
        if (text.trim() === '') {
          ctx.stdout.write(T.noMailFor(ctx.shell.vars.get('USER') ?? 'root'));
          return 1;
        }
        ctx.stderr.write(`mail: reading mail is not simulated in this lab; the messages are in ${box} (try: less ${box})\n`);
        return 1;
      }
      if (ctx.stdin.kind === 'text') {
        const body = ctx.stdin.text.replace(/^\.\n[\s\S]*$|\n\.\n[\s\S]*$/, '\n');
        return send(env, ctx, l, body);
      }
      return new ComposeSession(env, ctx, l);
    },
  };
}

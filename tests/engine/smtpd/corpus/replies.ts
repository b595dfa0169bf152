import { loadScenario, type Scenario } from './scenario.ts';

const cache = new Map<string, Scenario>();

function scenario(name: string): Scenario {
  let s = cache.get(name);
  if (s === undefined) {
    s = loadScenario(name);
    cache.set(name, s);
  }
  return s;
}

/**
 * The server lines the corpus shows right after the `nth` (0-based) client line equal to `client`,
 * in connection `conn` (0-based) of `name`: the expected answer, read from the recording.
 */
export function corpusAnswer(name: string, conn: number, client: string, nth = 0): string[] {
  const c = scenario(name).connections[conn];
  if (c === undefined) throw new Error(`${name}: no connection ${conn}`);
  let seen = 0;
  for (let i = 0; i < c.events.length; i++) {
    const e = c.events[i];
    if (e?.kind !== 'client' || e.text !== client) continue;
    if (seen++ < nth) continue;
    const out: string[] = [];
    for (let j = i + 1; j < c.events.length; j++) {
      const f = c.events[j];
      if (f?.kind === 'server') out.push(f.text);
      else if (out.length > 0) break;
    }
    return out;
  }
  throw new Error(`${name}#${conn}: no client line ${JSON.stringify(client)}`);
}

/** The banner of connection `conn`. */
export function corpusBanner(name: string, conn = 0): string {
  const e = scenario(name).connections[conn]?.events.find((x) => x.kind === 'server');
  if (e?.kind !== 'server') throw new Error(`${name}: no banner`);
  return e.text;
}

/** A single-line corpus answer. */
export function corpusLine(name: string, conn: number, client: string, nth = 0): string {
  const a = corpusAnswer(name, conn, client, nth);
  if (a.length !== 1) throw new Error(`${name}: answer to ${client} has ${a.length} lines`);
  return a[0] ?? '';
}

/** The smtpd log texts (after `program[<PID>]: `) of a corpus log file. */
export function corpusSmtpdLog(name: string, file = 'raw.normalized.log'): string[] {
  const text = scenario(name).file(file) ?? '';
  return text
    .split('\n')
    .map((l) => /^<TIMESTAMP> \S+ postfix\/(?:\S+\/)?smtpd\[<PID>\]: (.*)$/.exec(l)?.[1])
    .filter((t): t is string => t !== undefined);
}

/**
 * The corpus's terminal captures (postfix-ground-truth/terminal/<scenario>/screen.normalized.txt), which sit
 * beside the repository in ../shared.
 */
import nc25 from '../../../shared/postfix-ground-truth/terminal/term-nc-25/screen.normalized.txt?raw';
import postfixCli from '../../../shared/postfix-ground-truth/terminal/term-postfix-cli/screen.normalized.txt?raw';
import postfixCliLog from '../../../shared/postfix-ground-truth/terminal/term-postfix-cli/raw.normalized.log?raw';

const SCREENS: Readonly<Record<string, string>> = { 'term-nc-25': nc25, 'term-postfix-cli': postfixCli };
export const POSTFIX_CLI_LOG: string = postfixCliLog;

/** The capture after each step, by its label, in order. */
export function corpusScreens(scenario: string): { label: string; rows: string[] }[] {
  const text = SCREENS[scenario];
  if (text === undefined) throw new Error(`no terminal scenario ${scenario}`);
  const out: { label: string; rows: string[] }[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const nl = block.indexOf('\n');
    const label = block.slice(0, nl).replace(/ ===$/, '');
    const rows = block.slice(nl + 1).split('\n');
    while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
    out.push({ label, rows });
  }
  return out;
}

export function corpusScreen(scenario: string, label: string, nth = 0): string[] {
  const found = corpusScreens(scenario).filter((s) => s.label === label)[nth];
  if (found === undefined) throw new Error(`no capture "${label}" in ${scenario}`);
  return found.rows;
}

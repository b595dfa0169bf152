/**
 * The expected screen of each exercise, for print and the handout: the lesson's solutions replayed in
 * order on one fresh lab (as the solution test does), keeping what the terminal printed. Panel steps have
 * no terminal output; they appear as a short bracketed note. Pure and deterministic: the session's clock
 * and ids are the fixed defaults, so the same lesson gives the same text at every build.
 */
import type { LessonExercise, SolutionStep } from './frontmatter.ts';
import { toggleControl } from './panel-toggle.ts';
import { createLessonSession, type LessonSession } from './session.ts';

export interface ExpectedScreen {
  readonly id: string;
  readonly text: string;
}

// CSI and OSC escape sequences (colours, cursor moves, titles): the printed page shows text only.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Terminal output as plain text: escapes removed, CR LF as LF, backspaces applied. */
export function plainTerminalText(raw: string): string {
  let text = raw.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '');
  while (/[^\n\x08]\x08/.test(text)) text = text.replace(/[^\n\x08]\x08/g, '');
  return text.replace(/\x08/g, '');
}

function play(s: LessonSession, step: SolutionStep): string {
  if (typeof step === 'string') return plainTerminalText(s.runLine(step));
  if ('toggle' in step) {
    toggleControl(s, step.toggle, step.value);
    return `[panel: ${step.toggle} = ${step.value}]\n`;
  }
  s.apply();
  return '[panel: Apply]\n';
}

/**
 * One screen per exercise, in the lesson's order. Each starts where the previous exercise left the lab,
 * like a learner working down the page.
 */
export function expectedScreens(scenario: string, exercises: readonly LessonExercise[]): ExpectedScreen[] {
  const s = createLessonSession({ scenario });
  try {
    // The session swallows the first prompt; an empty line shows it again (it runs nothing).
    const first = plainTerminalText(s.runLine(''));
    let prompt = first.slice(first.lastIndexOf('\n') + 1);
    return exercises.map((ex) => {
      const text = prompt + ex.solution.map((step) => play(s, step)).join('');
      // The screen ends at the prompt waiting for the next exercise; that prompt starts the next screen.
      const cut = text.lastIndexOf('\n');
      prompt = cut < 0 ? '' : text.slice(cut + 1);
      return { id: ex.id, text: (cut < 0 ? text : text.slice(0, cut)).trimEnd() };
    });
  } finally {
    s.dispose();
  }
}

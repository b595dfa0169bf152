/**
 * The builtins a lab machine has at once, in Node and in the browser alike: the machine-free ones
 * (src/shell/machine-free.ts) and `cd`. standardPrograms (programs/index.ts) adds the coreutils and the
 * rest for Node; the browser's table (lab-programs.browser.ts) loads every other program on first use.
 */
import { machineFreePrograms } from '../machine-free.ts';
import type { Program } from '../program.ts';
import { cd } from './builtins.ts';

export function corePrograms(): Program[] {
  return [cd, ...machineFreePrograms()];
}

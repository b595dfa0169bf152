import type { Program } from '../program.ts';
import type { LabEnv } from './net/lab-env.ts';
export function swaksProgram(env: LabEnv): Program {
  void env;
  return { name: 'swaks', usage: 'swaks', run: () => 0 };
}

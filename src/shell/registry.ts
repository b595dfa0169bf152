import type { Program, ProgramTable } from './program.ts';

/**
 * The command table. The lab builds one with the coreutils-like programs of `programs/` plus its own
 * (postfix, postconf, telnet...), e.g. `new Registry([...standardPrograms(), postconfProgram(world)])`.
 * A later program with the same name replaces an earlier one.
 */
export class Registry implements ProgramTable {
  readonly #byName = new Map<string, Program>();

  constructor(programs: Iterable<Program> = []) {
    for (const p of programs) this.add(p);
  }

  add(program: Program): this {
    this.#byName.set(program.name, program);
    return this;
  }

  remove(name: string): boolean {
    return this.#byName.delete(name);
  }

  get(name: string): Program | undefined {
    return this.#byName.get(name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  list(): readonly Program[] {
    return [...this.#byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  names(): string[] {
    return this.list().map((p) => p.name);
  }
}

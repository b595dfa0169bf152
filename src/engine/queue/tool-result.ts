/** What a command-line program prints and returns. */
export interface ToolResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Joins lines into program output: each line ends with a newline; no lines, no output. */
export function lines(...ls: readonly string[]): string {
  return ls.map((l) => `${l}\n`).join('');
}

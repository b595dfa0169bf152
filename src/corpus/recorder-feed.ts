/**
 * more/next.py feeds a tool slowly from a subshell: `(sleep 2; echo "EHLO client.example.com";
 * sleep 2; echo "QUIT"; sleep 2) | timeout 30 openssl s_client ...`. The lab's shell has no
 * subshells; the harness runs the rest of the command line and hands it the same lines paced: one
 * read per line, after the server has answered (ReplayTarget.run `paced`). A slow pipe is never
 * ready before the socket, which is what a terminal's typed lines model too; a pipe read at once
 * would put `EHLO` and `QUIT` in one packet (smtpd: `improper command pipelining`).
 */
export interface RecorderFeed {
  readonly command: string;
  readonly stdin: string;
}

const FEED = /^\(((?:\s*(?:sleep \d+|echo "[^"]*")\s*;?)+)\)\s*\|\s*(.+)$/;

export function recorderFeed(command: string): RecorderFeed | null {
  const m = FEED.exec(command.trim());
  if (m === null) return null;
  const lines = [...(m[1] ?? '').matchAll(/echo "([^"]*)"/g)].map((e) => `${e[1] ?? ''}\n`);
  return { command: m[2] ?? '', stdin: lines.join('') };
}

import { corpusFile, normalize } from '../tls/corpus.ts';

/** One corpus `sclient-*.txt` file: the command, its stdin, exit status and the two streams. */
export interface SclientRecording {
  readonly argv: readonly string[];
  /** What the recorder wrote to stdin at once ('' for </dev/null). */
  readonly stdin: string;
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function readRecording(scenario: string, file: string): SclientRecording {
  const text = corpusFile(scenario, file);
  const [head = '', rest = ''] = text.split('\n--- stdout ---\n');
  const [stdout = '', stderr = ''] = rest.split('--- stderr ---\n');
  const lines = head.split('\n');
  const cmd = (lines[0] ?? '').replace(/^\$ /, '').replace(/\s*<\/dev\/null\s*$/, '');
  const stdinLine = lines.find((l) => l.startsWith('# stdin: ')) ?? '';
  let stdin = stdinLine.slice('# stdin: '.length);
  if (stdin.startsWith("'")) stdin = stdin.slice(1, -1).replace(/\\n/g, '\n');
  else if (stdin !== '') stdin = `${stdin.split(' / ').join('\n')}\n`;
  const exit = Number(/^# exit (\d+)/m.exec(head)?.[1] ?? '0');
  return { argv: cmd.split(/\s+/).filter((w) => w !== ''), stdin, exit, stdout, stderr };
}

/**
 * What may differ between the lab and a recording: the certificate's PEM body (the lab has its own
 * certificate) and OpenSSL's thread id in front of error lines. Everything else must be equal.
 */
export function comparable(text: string): string {
  return normalize(text.replace(/\r\n/g, '\n'))
    .replace(/-----BEGIN CERTIFICATE-----\n[\s\S]*?-----END CERTIFICATE-----/g, '<PEM-CERT>')
    .replace(/^(?:<QUEUEID>|[0-9A-F]{16}):error:/gm, '<THREAD>:error:');
}

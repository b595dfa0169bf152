import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioConfig } from '../../src/corpus/scenario-config.ts';
import { recorderFeed } from '../../src/corpus/recorder-feed.ts';
import { checkScenario, type ScenarioFiles } from '../../src/corpus/scenario.ts';
import { parseTranscript } from '../../src/corpus/transcript.ts';
import { CORPUS, corpusScenarios } from './corpus-path.ts';

/** The corpus's more/ folder (its own base/, its README's scenario table). */
const MORE = join(CORPUS, 'more');
const read = (...p: string[]): string => readFileSync(join(MORE, ...p), 'utf8');

describe('more/ config.txt preparations', () => {
  it('every scenario folder is understood', () => {
    const names = corpusScenarios(MORE);
    expect(names).toHaveLength(9);
    for (const n of names) expect(parseScenarioConfig(read(n, 'config.txt')).unknown).toEqual([]);
  });

  it('reads the stripping proxy, the TLSv1-only MX and the policy-map phases from their prose', () => {
    expect(parseScenarioConfig(read('strip-inbound-sclient', 'config.txt')).preparations).toEqual([
      { kind: 'strip-proxy', address: '127.0.0.3', port: 2529, upstreamAddress: '127.0.0.1', upstreamPort: 25 },
    ]);
    expect(parseScenarioConfig(read('outbound-tls1only-may-ge12-fallback', 'config.txt')).preparations).toEqual([
      { kind: 'tls-only-mx', address: '127.0.0.2', port: 2530, version: 'TLSv1', cipherList: 'DEFAULT@SECLEVEL=0' },
    ]);
    expect(parseScenarioConfig(read('outbound-policy-map', 'config.txt')).preparations).toEqual([
      { kind: 'write', path: '/etc/postfix/tls_policy', content: '[127.0.0.2]:2527 encrypt\n' },
      {
        kind: 'phase',
        phase: 2,
        path: '/etc/postfix/tls_policy',
        content: '[127.0.0.2]:2526 encrypt\n',
        setting: ['relayhost', '[127.0.0.2]:2526'],
      },
    ]);
  });
});

describe("the recorder's paced stdin", () => {
  it('turns every subshell feed of the transcript into its lines and the command after the pipe', () => {
    const feeds = parseTranscript(read('strip-inbound-sclient', 'transcript.normalized.txt')).flatMap((s) =>
      s.kind === 'command' && s.command.startsWith('(') ? [recorderFeed(s.command)] : [],
    );
    expect(feeds).toHaveLength(3);
    expect(feeds[0]).toEqual({
      command: 'timeout 30 openssl s_client -starttls smtp -connect 127.0.0.3:2529 -crlf -ign_eof',
      stdin: 'EHLO client.example.com\nQUIT\n',
    });
    expect(feeds[2]).toEqual({ command: 'timeout 30 openssl s_client -starttls smtp -connect 127.0.0.3:2529 -crlf -brief', stdin: '' });
    expect(recorderFeed('openssl s_client -connect 127.0.0.1:25')).toBeNull();
  });
});

describe('more/ replays exactly', () => {
  const files = (name: string): ScenarioFiles => {
    const dir = join(MORE, name);
    const opt = (f: string): string | null => {
      try {
        return readFileSync(join(dir, f), 'utf8');
      } catch {
        return null;
      }
    };
    return {
      name,
      baseMainCf: read('base', 'main.cf'),
      baseMasterCf: read('base', 'master.cf'),
      config: opt('config.txt') ?? '',
      transcript: read(name, 'transcript.normalized.txt'),
      log: opt('raw.normalized.log') ?? '',
      wire: opt('wire.txt'),
      toolRuns: [
        'sclient-strip-devnull-stderr',
        'sclient-strip-devnull-stdout',
        'sclient-strip-ign_eof-merged',
        'sclient-strip-ign_eof-stderr',
        'sclient-strip-ign_eof-stdout',
      ]
        .map((n) => `${n}.normalized.txt`)
        .flatMap((n) => {
          const t = opt(n);
          return t === null ? [] : [{ name: n, text: t }];
        }),
    };
  };
  it.each(corpusScenarios(MORE))('%s', (name) => {
    expect(checkScenario(files(name), { strict: true })).toEqual({ status: 'passed' });
  });
});

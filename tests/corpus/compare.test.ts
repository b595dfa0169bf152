import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareLogs, compareTranscripts, foldHotRereads } from '../../src/corpus/compare.ts';
import { CORPUS } from './corpus-path.ts';

const behaviours = readFileSync(join(CORPUS, 'postconf-behaviours/transcript.normalized.txt'), 'utf8').split('\n');

describe('comparing a replay with a recording', () => {
  it('folds postconf re-reading a hot main.cf to its distinct warnings (the recorded run of 13 lines)', () => {
    const at = behaviours.indexOf('C: $ postconf smtpd_tls_loglevel smtpd_tls_auth_only');
    const run = behaviours.slice(at + 3, behaviours.indexOf('# exit status 0', at));
    expect(run).toHaveLength(13);
    const folded = foldHotRereads(run);
    expect(folded).toHaveLength(3);
    expect(folded[2]).toMatch(/^# \(postconf read the just-written main\.cf again/);
    // One more or one fewer re-read compares equal; a different warning does not.
    expect(foldHotRereads([...run, run[1] ?? '', run[2] ?? ''])).toEqual(folded);
    expect(foldHotRereads(run.slice(0, 1))).toEqual(run.slice(0, 1));
  });

  it('compares postfix check output line by line (its twenty postconf runs are not folded)', () => {
    const twenty = Array.from({ length: 20 }, () => 'S: /usr/sbin/postconf: warning: /etc/postfix/main.cf: unused parameter: x=y');
    expect(compareTranscripts(twenty.join('\n'), twenty.slice(1).join('\n'))).not.toBeNull();
  });

  it('compares logs per daemon, ignoring how daemons interleave and the recorder marks', () => {
    const a = ['### during x', '<TIMESTAMP> mail postfix/smtpd[<PID>]: a', '<TIMESTAMP> mail postfix/qmgr[<PID>]: b'].join('\n');
    const b = ['<TIMESTAMP> mail postfix/qmgr[<PID>]: b', '<TIMESTAMP> mail postfix/smtpd[<PID>]: a'].join('\n');
    expect(compareLogs(a, b)).toEqual([]);
    expect(compareLogs(a, b.replace(': a', ': c')).map((m) => m.what)).toEqual(['log postfix/smtpd']);
  });
});

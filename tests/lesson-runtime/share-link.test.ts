/** Share links: a lab image survives the fragment round trip; bad links are refused with a reason. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';
import {
  MAX_SHARE_CHARS,
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  toBase64Url,
  withoutShare,
} from '../../src/lesson-runtime/share-link.ts';

function changedImage() {
  const s = createLessonSession({ scenario: 'lab-default' });
  s.runLine("printf 'example.net encrypt\\n' > /etc/postfix/tls_policy");
  s.runLine('postconf -e smtpd_tls_security_level=encrypt');
  const img = s.image();
  s.dispose();
  return img;
}

describe('share link', () => {
  it('round-trips a changed lab (an unapplied edit stays unapplied) and is compact', async () => {
    const img = changedImage();
    const frag = await encodeShareFragment(img);
    expect(frag).toMatch(/^lab=v1\.z[A-Za-z0-9_-]+$/);
    expect(frag.length).toBeLessThan(JSON.stringify(img).length / 2);
    const back = await decodeShareFragment(`#${frag}`);
    expect(back).toEqual({ kind: 'ok', image: img });
    if (back.kind !== 'ok') return;
    expect(back.image.loaded?.mainCf).not.toContain('smtpd_tls_security_level = encrypt');
    // The image opens as a session with the same files.
    const s = createLessonSession({ scenario: 'lab-default', image: back.image });
    expect(s.runLine('postconf -n smtpd_tls_security_level')).toContain('smtpd_tls_security_level = encrypt');
    expect(s.runLine('cat /etc/postfix/tls_policy')).toContain('example.net encrypt');
    s.dispose();
  });

  it('reads the uncompressed form, and ignores other fragment parts', async () => {
    const img = changedImage();
    const j = `lab=v1.j${toBase64Url(new TextEncoder().encode(JSON.stringify(img)))}`;
    expect(await decodeShareFragment(`#top&${j}`)).toEqual({ kind: 'ok', image: img });
    expect(await decodeShareFragment('#exercise-1')).toEqual({ kind: 'none' });
    expect(await decodeShareFragment('')).toEqual({ kind: 'none' });
    expect(withoutShare(`#top&${j}`)).toBe('#top');
    expect(withoutShare(`#${j}`)).toBe('');
  });

  it('base64url matches Node for every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      const ours = toBase64Url(bytes);
      expect(ours).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(fromBase64Url(ours) ?? [])).toEqual(Array.from(bytes));
    }
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it.each([
    ['#lab=', 'no version'],
    ['#lab=v1.z!!!!', 'not base64url'],
    ['#lab=v1.zAAAAAAAA', 'damaged'],
    ['#lab=v1.q' + toBase64Url(new Uint8Array([1, 2, 3])), 'unknown encoding'],
    ['#lab=v1.j' + toBase64Url(new TextEncoder().encode('{"format":')), 'not valid JSON'],
    ['#lab=v1.j' + toBase64Url(new TextEncoder().encode('{"format":"other"}')), 'not a lab image'],
  ])('refuses a corrupt link %#', async (hash, why) => {
    const r = await decodeShareFragment(hash);
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.reason).toContain(why);
  });

  it('refuses another version of the link format', async () => {
    const frag = (await encodeShareFragment(changedImage())).replace('v1.', 'v2.');
    const r = await decodeShareFragment(frag);
    expect(r).toEqual({ kind: 'refused', reason: 'the lab in this link was made by a newer version of this site (link format 2)' });
  });

  it('refuses an oversized link and a deflate bomb', async () => {
    const long = await decodeShareFragment(`#lab=v1.j${'A'.repeat(MAX_SHARE_CHARS)}`);
    expect(long.kind).toBe('refused');
    if (long.kind === 'refused') expect(long.reason).toContain('too big');
    const bomb = toBase64Url(deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS);
    const r = await decodeShareFragment(`#lab=v1.z${bomb}`);
    expect(r).toEqual({ kind: 'refused', reason: 'the lab in this link is too big once unpacked' });
  });
});

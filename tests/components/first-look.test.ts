// The lab's first look (src/components/lab/first-look.ts): one description that built pages render as HTML
// and the element builds as nodes; lab-console.ts finds every part by data-part.
import { describe, expect, it } from 'vitest';
import { BUILT_PREFIX, firstLook, markupHtml, type Markup } from '../../src/components/lab/first-look.ts';
import { firstLookIds, firstPrompt, HOSTNAME, PREFIX_ATTR, type FirstLookPart } from '../../src/components/lab/first-look-keys.ts';

function* walk(m: Markup): Generator<Markup> {
  yield m;
  for (const c of m.children) if (typeof c !== 'string') yield* walk(c);
}

const PARTS: readonly FirstLookPart[] = [
  'go-terminal',
  'sr-switch',
  'reset',
  'notice',
  'panel',
  'log',
  'files',
  'screen',
  'dialog',
  'prescreen',
  'prescreen-input',
  'prescreen-rows',
  'prescreen-text',
];

describe('the lab first look', () => {
  it('has every part the element wires, once, and ids unique to its prefix', () => {
    const nodes = [...walk(firstLook('lab7'))];
    for (const part of PARTS)
      expect(
        nodes.filter((n) => n.attrs['data-part'] === part),
        part,
      ).toHaveLength(1);
    const ids = nodes.flatMap((n) => (typeof n.attrs.id === 'string' ? [n.attrs.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith('lab7-')).toBe(true);
    expect(nodes[0]?.attrs[PREFIX_ATTR]).toBe('lab7');
  });

  it('shows the shell’s first prompt, and its input is labelled and described by the terminal hint', () => {
    const nodes = [...walk(firstLook(BUILT_PREFIX))];
    const text = nodes.find((n) => n.attrs['data-part'] === 'prescreen-text');
    expect(text?.children).toEqual([firstPrompt(HOSTNAME)]);
    expect(firstPrompt(HOSTNAME)).toBe('root@mail:~# ');
    const input = nodes.find((n) => n.attrs['data-part'] === 'prescreen-input');
    expect(input?.tag).toBe('textarea');
    expect(input?.attrs['aria-label']).toBe('Terminal input');
    expect(input?.attrs['aria-describedby']).toBe(firstLookIds(BUILT_PREFIX).hint);
    expect(nodes.some((n) => n.attrs.id === firstLookIds(BUILT_PREFIX).hint)).toBe(true);
  });

  it('renders as HTML with every text and attribute value escaped', () => {
    const html = markupHtml({
      tag: 'p',
      attrs: { title: '"><script>x</script>', hidden: true },
      children: ['a < b & c > d', { tag: 'input', attrs: { value: '&"' }, children: [] }],
    });
    expect(html).toBe('<p title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;" hidden>a &lt; b &amp; c &gt; d<input value="&amp;&quot;"></p>');
    const page = markupHtml(firstLook(BUILT_PREFIX));
    expect(page).toContain('>root@mail:~# </span>');
    expect(page).not.toMatch(/<script/i);
  });
});

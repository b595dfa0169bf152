import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { factsOf, outsideNames, renameTogether, type XtermSource } from '../../integrations/xterm-mangle.ts';

const require = createRequire(import.meta.url);
const pkgDir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
const installed = (pkg: string, file: string): XtermSource => {
  const path = join(pkgDir(pkg), 'lib', file);
  return { file: path, source: readFileSync(path, 'utf8') };
};

/** Property names as the code uses them: after a dot, or as a key or class member (`name(`, `name:`). */
function propertyNames(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/\.([A-Za-z_$][\w$]*)|[{,;}]\s*(?:(?:get|set|static|async)\s+)?([A-Za-z_$][\w$]*)\s*[(:]/g)) {
    const name = m[1] ?? m[2];
    if (name !== undefined) out.add(name);
  }
  return out;
}

describe('xterm-mangle on the installed xterm and addons', () => {
  const xterm = installed('@xterm/xterm', 'xterm.mjs');
  const fit = installed('@xterm/addon-fit', 'addon-fit.mjs');
  const links = installed('@xterm/addon-web-links', 'addon-web-links.mjs');
  let code: ReadonlyMap<string, string>;
  let table: ReadonlyMap<string, string>;
  let reserved: Set<string>;

  beforeAll(async () => {
    reserved = outsideNames();
    ({ code, table } = await renameTogether([xterm, fit, links], { reserved }));
  }, 120_000);

  it('renames private and internal members with short names', () => {
    for (const name of [
      '_core',
      '_renderService',
      '_bufferService',
      'rawOptions',
      'decPrivateModes',
      'triggerDataEvent',
      'ybase',
      'ydisp',
    ]) {
      expect(table.get(name), name).toMatch(/^[\w$]{1,3}$/);
    }
    const out = propertyNames(code.get(xterm.file) ?? '');
    for (const gone of ['rawOptions', 'decPrivateModes', 'triggerDataEvent', '_bufferService']) expect(out.has(gone), gone).toBe(false);
  });

  it('keeps every name of the public API: what our code and embedders call, the option names and theme keys', () => {
    const typings = readFileSync(join(pkgDir('@xterm/xterm'), 'typings', 'xterm.d.ts'), 'utf8');
    const out = propertyNames(code.get(xterm.file) ?? '');
    for (const name of ['onData', 'onResize', 'write', 'loadAddon', 'options', 'buffer', 'active', 'getLine', 'translateToString']) {
      expect(table.has(name), name).toBe(false);
      expect(out.has(name), name).toBe(true);
    }
    for (const name of [
      'scrollback',
      'cursorBlink',
      'screenReaderMode',
      'fontFamily',
      'lineHeight',
      'theme',
      'foreground',
      'brightBlack',
    ]) {
      expect(typings).toContain(name);
      expect(table.has(name), name).toBe(false);
    }
    expect(propertyNames(code.get(fit.file) ?? '').has('proposeDimensions')).toBe(true);
    expect(propertyNames(code.get(links.file) ?? '').has('provideLinks')).toBe(true);
  });

  it("keeps the option defaults' keys (enumerated for the options object) and the charset and mouse tables' keys", () => {
    // DEFAULT_OPTIONS in xterm's own source, shipped with the package.
    const options = readFileSync(join(pkgDir('@xterm/xterm'), 'src', 'common', 'services', 'OptionsService.ts'), 'utf8');
    const block = /DEFAULT_OPTIONS[^=]*=\s*\{([\s\S]*?)\n\};/.exec(options)?.[1] ?? '';
    const keys = [...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1] ?? '');
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(table.has(key), key).toBe(false);
    for (const key of ['NONE', 'X10', 'VT200', 'DRAG', 'ANY', 'DEFAULT', 'SGR', 'SGR_PIXELS']) expect(table.has(key), key).toBe(false);
  });

  it('gives the addons the names xterm gave (one table)', () => {
    const core = table.get('_core');
    const render = table.get('_renderService');
    expect(core).toBeDefined();
    expect(code.get(fit.file)).toContain(`.${core ?? '?'}.`);
    expect(code.get(fit.file)).toContain(`.${render ?? ''}`);
    expect(code.get(fit.file)).not.toMatch(/\._core\b|\._renderService\b/);
  });

  it('reserves every identifier of our own code, of the typings and of the DOM lib', () => {
    for (const name of ['portFromXterm', 'mountTerminal', 'attachCustomKeyEventHandler', 'handleEvent', 'toJSON', 'then']) {
      expect(reserved.has(name), name).toBe(true);
    }
  });

  it('gives the same table twice', async () => {
    const again = await renameTogether([xterm, fit, links], { reserved });
    expect([...again.table]).toEqual([...table]);
  }, 120_000);
});

describe('xterm-mangle gates', () => {
  const rename = (source: string, audited: Record<string, string> = {}, reserved: ReadonlySet<string> = new Set()) =>
    renameTogether([{ file: 'synthetic.mjs', source }], { audited, reserved });

  it('renames members the file defines, not names it only reads, nor short ones', async () => {
    const { code, table } = await rename(
      'export class A { constructor(e) { this.internalField = e.fromOutside; this.ab = 1 } internalMethod() { return this.internalField + navigator.userAgentData } }',
    );
    expect([...table.keys()].sort()).toEqual(['internalField', 'internalMethod']);
    expect(code.get('synthetic.mjs')).toContain('.fromOutside');
    expect(code.get('synthetic.mjs')).toContain('.userAgentData');
    expect(code.get('synthetic.mjs')).toContain('.ab');
  });

  it('keeps a name that is also written as a string anywhere in the file (a lookup by string)', async () => {
    const { code, table } = await rename(
      'export class A { constructor() { this.lookedUp = 1; this.other = 2 } lookUp(o) { return o["lookedUp"] + `x ${this.other}` } }',
    );
    expect(table.has('lookedUp')).toBe(false);
    expect(code.get('synthetic.mjs')).toContain('this.lookedUp');
    expect(table.has('other')).toBe(true);
  });

  it('keeps the names it is told to (public typings, our code)', async () => {
    const { table } = await rename('export class A { publicName() {} internalName() {} }', {}, new Set(['publicName']));
    expect(table.has('publicName')).toBe(false);
    expect(table.has('internalName')).toBe(true);
  });

  it('stops at a place that enumerates keys and is not audited', async () => {
    const source = 'export class A { constructor(o) { for (const k in o) this.copyOf = k } }';
    await expect(rename(source)).rejects.toThrow(/not audited[\s\S]*for-in: for \(const k in o\)/);
    for (const other of [
      'export const f = (o) => Object.keys(o)',
      'export const f = (o, k) => k in o',
      'export const f = (o) => JSON.stringify(o)',
      'export class A { f(k) { return this[k] } }',
      'export const f = (o) => new Proxy(o, {})',
      'const d = Object.defineProperty; export const f = (o) => d(o, "x", {})',
    ]) {
      await expect(rename(other), other).rejects.toThrow(/not audited/);
    }
  });

  it('keeps the keys of an audited enumerated object, wherever they are set, and of objects handed to Object.assign', async () => {
    const source =
      'var table = { firstKey: 1 }; table.secondKey = 2;' +
      'export class A { firstKey() {} secondKey() {} styled(el) { Object.assign(el.style, { assignedKey: 1 }) } assignedKey() {} ownKey() {} listAll() { for (const k in table) this.ownKey(k) } }';
    const facts = factsOf(source);
    const audited = Object.fromEntries(facts.sites.map((s) => [s, 'test']));
    const { table } = await rename(source, audited);
    for (const kept of ['firstKey', 'secondKey', 'assignedKey']) expect(table.has(kept), kept).toBe(false);
    expect(table.has('ownKey')).toBe(true);
  });

  it('stops when terser keeps a name it was to rename (a built-in or DOM name: the table would depend on the Node)', async () => {
    // `list` is in terser's DOM list; told nothing else, the renaming would pick it and terser refuses it.
    await expect(rename('export class A { list() {} internalName() {} }')).rejects.toThrow(
      /terser kept these internal xterm names[^\n]*list/,
    );
  });

  it("stops at a string that starts like a private member's name", async () => {
    await expect(rename('export class A { f(o) { return o["_hidden"] } }')).rejects.toThrow(/private member's name/);
    await expect(rename('export class A { f(o, n) { return o["_" + n] } }')).rejects.toThrow(/private member's name/);
  });
});

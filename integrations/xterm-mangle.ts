/**
 * A Vite plugin for the browser builds (the site's and the embed's), issue 12 (page weight): renames xterm's
 * and its two addons' internal members to short names, with terser. esbuild and terser keep property names,
 * and xterm is full of long ones (`_bufferService`, `rawOptions`, `triggerDataEvent`...).
 *
 * Two kinds of names are renamed:
 * - private members: every property whose name starts with one underscore (`_core`, `_renderService`);
 * - internal members: every other name that the three files themselves define as a class member (method,
 *   getter, setter, field) or by `this.name = ...`, that is at least 3 characters long and that is not
 *   reserved (below). Names the files only read (`process.env`, `navigator.userAgentData`, the fields of
 *   VS Code's NLS JSON) are never renamed: they come from outside.
 *
 * The addons reach into xterm's internals (the fit addon reads `terminal._core._renderService.dimensions`),
 * so the three files are renamed together, xterm first, with one shared table: a name means the same in all
 * three, and no new name of an addon is one that xterm already gave out. The table is made once per
 * process, from the files as installed (and our own code, below), so the site's build and the embed's build
 * agree, and two builds of the same files give the same chunks. @xterm/headless (Node tests) is never
 * touched: only the three files below are transformed, any other xterm script in a browser build stops it.
 *
 * Reserved, never renamed (an internal member's name in any of these keeps its name everywhere):
 * - every identifier in the three packages' public typings (`typings/*.d.ts`: `onData`, `write`,
 *   `loadAddon`, `options`, `buffer`, all option names and theme keys, the addon and link-provider
 *   interfaces xterm calls on our objects);
 * - every identifier and string word in TypeScript's lib files (`lib.*.d.ts`: the DOM, CSS and ES built-ins,
 *   `handleEvent`, `toJSON`, `then`...) and in @types/node, besides terser's own DOM list (domprops.js,
 *   which terser reserves itself since `builtins` is left false);
 * - every identifier token of our own code (src/, tests/, scripts/, integrations/, comments and strings
 *   included, this file and its test excepted): nothing our code names can change under it;
 * - every word inside a string or template literal of the three files: a name looked up by string
 *   (`'ontouchstart' in window`, decorators' `"name"` keys, the `createDecorator('...')` service ids,
 *   `$memoize$` keys) keeps its name;
 * - the keys of every top-level object of the files that is enumerated (`for...in`, `Object.keys`/`values`/
 *   `entries`, `in`): the charset tables, the default options, the mouse protocols and encodings; and the
 *   keys of object literals handed to `Object.assign`/`defineProperties`/`JSON`... (`style` objects).
 *
 * Gates (the build stops with the reason, look again when upgrading xterm or its addons):
 * - a string, template or concatenation that starts like a private member's name (`'_x'`, `'_' +`);
 * - a place where a file enumerates an object's keys, passes one to `JSON`, `Reflect`, `postMessage`,
 *   `hasOwnProperty`, `Object.defineProperty`/`defineProperties`/`assign`, tests one with `in`, makes a
 *   `Proxy` or indexes `this` by a computed key, that is not in AUDITED below with the reason it is safe
 *   (checked on @xterm/xterm 6.0.0, addon-fit 0.11.0, addon-web-links 0.12.0);
 * - an internal name that terser did not rename after all (on another Node its built-ins may differ: the
 *   chunks would then differ too).
 * DI needs nothing more: xterm's services are found by decorator identity and constructor parameter index
 * (`di$dependencies`, a string), never by member name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify, type ManglePropertiesOptions } from 'terser';
import ts from 'typescript';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The ES module files of xterm and its addons, in renaming order: xterm first. */
const PACKAGES = ['@xterm/xterm', '@xterm/addon-fit', '@xterm/addon-web-links'] as const;

/** Private members: one underscore, then not another one. */
const PRIVATE = /^_[^_]/;
/**
 * A string, template or concatenation that starts like a private member's name: such a name may be looked up
 * by string, which renaming would break. None is in the files this was checked on (`"_"` alone, a key, is
 * fine unless something is added to it); if an upgrade brings one, the build stops here until someone looks.
 */
const NAME_IN_STRING = /["'`]_[^_"'`]|["'`]_["'`]\s*\+/;
/** Shorter internal names are left alone: renaming them gains next to nothing (the charset tables' keys are 1 character). */
const MIN_INTERNAL_LENGTH = 3;
const TOKEN = /[A-Za-z_$][\w$]*/g;

/**
 * Where the files look at an object's keys, by site (kind, then the code there, as `siteKey` prints it), and
 * why renaming cannot change what happens there. A site not listed stops the build.
 */
const AUDITED: Readonly<Record<string, string>> = {
  // @xterm/xterm 6.0.0 (the addons have none)
  'defineProperty: Object.defineProperty;var Rl=Object.getOwnPropertyDescriptor;var':
    "esbuild's helpers: exports copied under the same names; decorators' keys are strings",
  'getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor;var Ll=(s,t)=>{for(var e in t)zs':
    "esbuild's decorator helper: the member names are strings",
  'for-in: for(var e in t)zs(s,e,{get:t[e],enumerable:!0})};var M=(s,t,e,i)':
    "esbuild's export helper: each key copied under the same name",
  'this[]: this[lo]="SetWithKey";for(let i of t)this.add(i)}get size(){retu': 'lo is Symbol.toStringTag',
  'entries: Object.entries(m))h.unshift(` - stacktraces of ${A.length} ot': 'leak report: the keys are stack traces',
  'stringify: JSON.stringify(this._listeners)),new Error("Attempted to dispose': 'a debug log line',
  'parse: JSON.parse(s);Tr=t.userLocale,bo=t.osLocale,Ir=t.resolvedLanguag':
    "VS Code's NLS config from the environment: its fields are only read here, never defined",
  'postMessage: Ve.postMessage=="function"&&!Ve.importScripts,Eo=(()=>{if(oa){le': 'a feature test',
  'postMessage: Ve.postMessage({vscodeScheduleAsyncWork:i},"*")}}return s=>setTi':
    'to this window, read back by the same code; the key is no defined member',
  'keys: Object.keys(s).sort().reduce((e,i)=>(e=Po(i,e),ns(s[i],e)),t)}fu':
    "hash of a MutationObserver's options (DOM names), keying a map of this page",
  'entries: Object.entries(e).forEach(([l,a])=>{typeof a>"u"||(/^on\\w+$/.tes':
    "VS Code's dom helper (attribute objects): never called in xterm",
  'hasOwnProperty: this.hasOwnProperty(n)||Object.defineProperty(this,n,{configurab':
    "memoize: the key is '$memoize$' and the member's name, a string",
  'defineProperty: Object.defineProperty(this,n,{configurable:!1,enumerable:!1,writ':
    "memoize: the key is '$memoize$' and the member's name, a string",
  'this[]: this[n]}}var He;(n=>(n.Tap="-xterm-gesturetap",n.Change="-xterm-':
    "memoize: the key is '$memoize$' and the member's name, a string",
  'keys: Object.keys(this.activeTouches).length;for(let o=0,l=i.changedTo': 'touch identifiers (numbers)',
  'hasOwnProperty: this.activeTouches.hasOwnProperty(String(a.identifier))){console': 'touch identifiers (numbers)',
  'hasOwnProperty: this.activeTouches.hasOwnProperty(String(o.identifier))){console': 'touch identifiers (numbers)',
  'keys: Object.keys(this._combined);for(let o=0;o<r.length;o++){let l=pa': "a buffer line's cell maps: column numbers",
  'keys: Object.keys(this._extendedAttrs);for(let o=0;o<n.length;o++){let': "a buffer line's cell maps: column numbers",
  'for-in: for(let e in t._combined)this._combined[e]=t._combined[e];this._': "a buffer line's cell maps: column numbers",
  'for-in: for(let e in t._extendedAttrs)this._extendedAttrs[e]=t._extended': "a buffer line's cell maps: column numbers",
  'for-in: for(let e in this._combined)t._combined[e]=this._combined[e];for': "a buffer line's cell maps: column numbers",
  'for-in: for(let e in this._extendedAttrs)t._extendedAttrs[e]=this._exten': "a buffer line's cell maps: column numbers",
  'keys: Object.keys(t._combined);for(let a=0;a<l.length;a++){let u=parse': "a buffer line's cell maps: column numbers",
  'for-in: for(let r in e)if(r in i)try{let n=e[r];i[r]=this._sanitizeAndVa':
    'options given to the constructor: option names (public typings)',
  'in: r in i)try{let n=e[r];i[r]=this._sanitizeAndValidateOption(r,n)}': 'option names (public typings)',
  'in: r in si))throw new Error(`No option with key "${r}"`);return thi':
    'option names: the keys of the defaults si (reserved, an enumerated object)',
  'in: r in si))throw new Error(`No option with key "${r}"`);n=this._sa':
    'option names: the keys of the defaults si (reserved, an enumerated object)',
  'for-in: for(let r in this.rawOptions){let n={get:e.bind(this,r),set:i.bi': 'option names (the keys of si)',
  'defineProperty: Object.defineProperty(this.options,r,n)}}_sanitizeAndValidateOpt': 'option names (the keys of si)',
  'for-in: for(let i in s)e[i]=t<=1?s[i]:s[i]&&oi(s[i],t-1);return e}var ul': 'deep clone: each key copied under the same name',
  'keys: Object.keys(dl))this.addProtocol(n,dl[n]);for(let n of Object.ke':
    'mouse protocols: the keys of dl (reserved, an enumerated object)',
  'keys: Object.keys(fl))this.addEncoding(n,fl[n]);this.reset()}addProtoc':
    'mouse encodings: the keys of fl (reserved, an enumerated object)',
  'keys: Object.keys(this._providers)}get activeVersion(){return this._ac': 'Unicode version strings',
  'for-in: for(l in o)s.addMany([24,26,153,154],l,3,0),s.addMany(i(128,144)': "the parser's table: an array",
  'for-in: for(let c in ne)this._parser.registerEscHandler({intermediates:"':
    'charset designators: the keys of ne (reserved, an enumerated object)',
  'for-in: for(let i in e)this.optionsService.options[i]=e[i]}write(e,i){th': 'options set by the embedder: option names (public typings)',
  'assign: Object.assign(this._accessibilityContainer.style,{width:`${this.': 'CSS property names (DOM lib)',
  'defineProperties: Object.defineProperties(e.link.decorations,{pointerCursor:{get:(': 'ILinkDecorations (public typings)',
  'for-in: for(let r in this._core.options){let n={get:e.bind(this,r),set:i': 'option names (the keys of si)',
  'defineProperty: Object.defineProperty(this._publicOptions,r,n)}}_checkReadonlyOp': 'option names (the keys of si)',
  'for-in: for(let e in t)this._publicOptions[e]=t[e]}blur(){this._core.blu': 'options set by the embedder: option names (public typings)',
};

/** Functions that take or give property names as strings (or send objects away): where they are used is a site. */
const KEY_FUNCTION =
  /^(Object\.(keys|values|entries|assign|defineProperty|defineProperties|getOwnPropertyNames|getOwnPropertyDescriptors?|fromEntries)|Reflect\.\w+|JSON\.\w+)$|\.(hasOwnProperty|propertyIsEnumerable|postMessage)$/;
const SITE_CHARS = 64;

/** What renaming needs to know about one file. */
export interface FileFacts {
  /** Names the file defines: class members, `this.name = ...`. */
  readonly defined: ReadonlySet<string>;
  /** Words inside its strings and templates, and keys of its enumerated top-level objects. */
  readonly reserved: ReadonlySet<string>;
  /** Places that look at keys (see AUDITED), each as `siteKey` prints it. */
  readonly sites: readonly string[];
}

function addTokens(text: string, into: Set<string>): void {
  for (const m of text.matchAll(TOKEN)) into.add(m[0]);
}

/** Identifiers, keywords and words in strings of a TypeScript declaration file, comments left out. */
function addDeclarationTokens(text: string, into: Set<string>): void {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier || (kind >= ts.SyntaxKind.FirstKeyword && kind <= ts.SyntaxKind.LastKeyword)) {
      into.add(scanner.getTokenText());
    } else if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      addTokens(scanner.getTokenValue(), into);
    } else if (kind === ts.SyntaxKind.PrivateIdentifier) into.add(scanner.getTokenText().slice(1));
  }
}

function filesUnder(dir: string, name: RegExp, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) filesUnder(path, name, out);
    else if (name.test(entry)) out.push(path);
  }
  return out;
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

const isAssignment = (kind: ts.SyntaxKind) => kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
const isMember = (node: ts.Node) =>
  ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) || ts.isPropertyDeclaration(node);

/** A key-looking site: its kind and the first characters of its code there (whitespace squeezed). */
function siteKey(kind: string, node: ts.Node, file: ts.SourceFile): string {
  const start = node.getStart(file);
  return `${kind}: ${file.text.slice(start, start + SITE_CHARS).replace(/\s+/g, ' ')}`;
}

function addKeys(object: ts.ObjectLiteralExpression, into: Set<string>): void {
  for (const p of object.properties) if (!ts.isSpreadAssignment(p) && !ts.isComputedPropertyName(p.name)) into.add(p.name.text);
}

/** Reads one file of xterm or an addon (already bundled JavaScript). */
export function factsOf(source: string, name = 'xterm.mjs'): FileFacts {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const defined = new Set<string>();
  const reserved = new Set<string>();
  const sites: string[] = [];
  const enumerated = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isMember(node) && ts.isClassLike(node.parent) && node.name !== undefined && ts.isIdentifier(node.name)) {
      defined.add(node.name.text);
    } else if (
      ts.isBinaryExpression(node) &&
      isAssignment(node.operatorToken.kind) &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      defined.add(node.left.name.text);
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      addTokens(node.text, reserved);
    }
    let enumerates: ts.Expression | undefined;
    if (ts.isForInStatement(node)) {
      sites.push(siteKey('for-in', node, file));
      enumerates = node.expression;
    } else if (ts.isPropertyAccessExpression(node) && KEY_FUNCTION.test(node.getText(file))) {
      // Called here, or taken as a value (esbuild's helpers keep `Object.defineProperty` in a variable).
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
      sites.push(siteKey(node.name.text, call ?? node, file));
      enumerates = call?.arguments[0];
      // Objects written out for it (`Object.assign(style, {...})`): their keys keep their names.
      for (const arg of call?.arguments ?? []) if (ts.isObjectLiteralExpression(arg)) addKeys(arg, reserved);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && !ts.isStringLiteral(node.left)) {
      sites.push(siteKey('in', node, file));
      enumerates = node.right;
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Proxy') {
      sites.push(siteKey('Proxy', node, file));
    } else if (ts.isElementAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      sites.push(siteKey('this[]', node, file));
    }
    if (enumerates !== undefined && ts.isIdentifier(enumerates)) enumerated.add(enumerates.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  // The keys of enumerated top-level objects: in their literal, or set on them anywhere as `name.key = ...`.
  const objects = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !enumerated.has(d.name.text)) continue;
      objects.add(d.name.text);
      if (d.initializer !== undefined && ts.isObjectLiteralExpression(d.initializer)) addKeys(d.initializer, reserved);
    }
  }
  const keysSet = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      isAssignment(node.operatorToken.kind) &&
      ts.isPropertyAccessExpression(node.left) &&
      ts.isIdentifier(node.left.expression) &&
      objects.has(node.left.expression.text)
    ) {
      reserved.add(node.left.name.text);
    }
    ts.forEachChild(node, keysSet);
  };
  keysSet(file);
  return { defined, reserved, sites };
}

/** The names reserved by what is outside the three files (see the header). */
export function outsideNames(root = ROOT): Set<string> {
  const names = new Set<string>();
  for (const pkg of PACKAGES) {
    for (const f of filesUnder(join(packageDir(pkg), 'typings'), /\.d\.ts$/)) addDeclarationTokens(readFileSync(f, 'utf8'), names);
  }
  addTokens(readFileSync(join(packageDir('terser'), 'tools', 'domprops.js'), 'utf8'), names);
  for (const f of filesUnder(dirname(require.resolve('typescript')), /^lib\..*\.d\.ts$/))
    addDeclarationTokens(readFileSync(f, 'utf8'), names);
  for (const f of filesUnder(packageDir('@types/node'), /\.d\.ts$/)) addDeclarationTokens(readFileSync(f, 'utf8'), names);
  for (const dir of ['src', 'tests', 'scripts', 'integrations']) {
    for (const f of filesUnder(join(root, dir), /\.(ts|tsx|mts|cts|js|mjs|cjs|astro|md|mdx|json|html)$/)) {
      if (/xterm-mangle(\.[\w-]+)?\.ts$/.test(f)) continue;
      addTokens(readFileSync(f, 'utf8'), names);
    }
  }
  return names;
}

/** A file to rename: its path (for messages) and its text. */
export interface XtermSource {
  readonly file: string;
  readonly source: string;
}

export interface RenameOptions {
  /** Names that must keep their names (default: `outsideNames()`). */
  readonly reserved?: ReadonlySet<string>;
  /** The sites known to be safe (default: AUDITED). */
  readonly audited?: Readonly<Record<string, string>>;
}

function escapeRegExp(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/**
 * Renames the files' private and internal members with one table, in order. Throws when a gate fires.
 * Returns each file's renamed code, and the table (original name to new name).
 */
export async function renameTogether(
  files: readonly XtermSource[],
  options: RenameOptions = {},
): Promise<{ readonly code: ReadonlyMap<string, string>; readonly table: ReadonlyMap<string, string> }> {
  const audited = options.audited ?? AUDITED;
  const reserved = new Set(options.reserved ?? outsideNames());
  const defined = new Set<string>();
  for (const { file, source } of files) {
    const risky = NAME_IN_STRING.exec(source);
    if (risky !== null) {
      const around = source.slice(Math.max(0, risky.index - 60), risky.index + 60);
      throw new Error(`${file} has a string that looks like a private member's name, check it before renaming: ${around}`);
    }
    const facts = factsOf(source, file);
    const unknown = facts.sites.filter((s) => audited[s] === undefined);
    if (unknown.length > 0) {
      throw new Error(
        `${file} looks at property names in places not audited in integrations/xterm-mangle.ts (AUDITED); check that ` +
          `renaming cannot change what they do, then list them:\n${unknown.join('\n')}`,
      );
    }
    for (const n of facts.reserved) reserved.add(n);
    for (const n of facts.defined) defined.add(n);
  }
  const internal = [...defined].filter((n) => n.length >= MIN_INTERNAL_LENGTH && !n.startsWith('_') && !reserved.has(n)).sort();
  const regex = new RegExp(`^(?:_[^_][\\s\\S]*|${internal.map(escapeRegExp).join('|')})$`);
  // terser fills `cache.props` with original name -> short name, file after file, and gives out no short name
  // twice. (minify() reads it as `nameCache` does for its `props` half; terser's types leave the option out. One
  // nameCache would also share the files' top-level variable names, which need nothing shared.)
  const cache: { props?: Map<string, string> } = {};
  const properties: ManglePropertiesOptions & { readonly cache: object } = {
    regex,
    // Also keeps terser from giving out a short name that is one of these.
    reserved: [...reserved].filter((n) => !PRIVATE.test(n)).sort(),
    cache,
  };
  const code = new Map<string, string>();
  for (const { file, source } of files) {
    const result = await minify(source, {
      module: true,
      compress: false,
      mangle: { properties },
      // Licence comments stay (/*! and @license ones); the final minify keeps them too.
      format: { comments: 'some' },
    });
    if (result.code === undefined) throw new Error(`terser gave no code for ${file}`);
    code.set(file, result.code);
  }
  const table = cache.props ?? new Map<string, string>();
  const kept = internal.filter((n) => !table.has(n));
  if (kept.length > 0) throw new Error(`terser kept these internal xterm names (built-ins of this Node?): ${kept.join(', ')}`);
  return { code, table };
}

function moduleFile(pkg: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { module } = JSON.parse(readFileSync(manifest, 'utf8')) as { module?: unknown };
  if (typeof module !== 'string') throw new Error(`${pkg} names no ES module file`);
  return join(dirname(manifest), module).replaceAll('\\', '/');
}

/** File path to its source as installed and its renamed code. */
type Renamed = ReadonlyMap<string, { readonly source: string; readonly code: string }>;

/** The installed xterm and addons, renamed (what the plugin serves). */
export async function renameInstalled(): Promise<Renamed> {
  const files = PACKAGES.map((pkg) => {
    const file = moduleFile(pkg);
    return { file, source: readFileSync(file, 'utf8') };
  });
  const { code } = await renameTogether(files);
  return new Map(files.map(({ file, source }) => [file, { source, code: code.get(file) ?? '' }]));
}

let renamed: Promise<Renamed> | undefined;

export function xtermMangle(): Plugin {
  return {
    name: 'lab-xterm-mangle',
    apply: 'build',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0]?.replaceAll('\\', '/') ?? '';
      if (!file.includes('/node_modules/@xterm/')) return null;
      renamed ??= renameInstalled();
      const entry = (await renamed).get(file);
      if (entry === undefined) {
        // Another xterm script (say the CommonJS build) would keep the old names that the others no longer use.
        if (/\.[cm]?js$/.test(file)) throw new Error(`${file} is not among the xterm files renamed together`);
        return null;
      }
      // Renaming one file with a table made from other text would break the shared names.
      if (code !== entry.source) throw new Error(`${file} changed before renaming its private members`);
      return { code: entry.code, map: null };
    },
  };
}

/**
 * The parameter name space of one postconf run (postconf_builtin.c, postconf_service.c,
 * postconf_user.c, postconf_unused.c of Postfix 3.7, re-implemented from their documented
 * behaviour and checked against the real program):
 *
 * - built-in names with compiled-in defaults;
 * - service-defined names: `<service>_<suffix>` for master.cf entries whose command is a
 *   delivery agent (defaults `$<default parameter>`);
 * - user-defined names: a `name=value` in main.cf or master.cf is valid when some `$name`
 *   refers to it (in main.cf, master.cf, or a default value) or when it is listed in
 *   smtpd_restriction_classes; a `$name` with no definition at all is warned about
 *   ("undefined parameter"), and a setting nothing uses is "unused".
 *
 * Postfix walks its hash tables in an order that changes from run to run; here main.cf
 * entries are visited in file order and defaults in name order.
 */
import {
  builtinDefault,
  builtinParameterNames,
  LEGACY_PARAMETERS,
  READ_ONLY_PARAMETERS,
  RAW_PARAMETERS,
  serviceParameters,
} from '../config/defaults.ts';
import type { HostFacts } from '../config/defaults.ts';
import { expandMacros, scanMacros } from '../config/expand.ts';
import type { MacroLookup } from '../config/expand.ts';
import type { MasterEntry } from '../config/master-cf.ts';
import { PARAM_TEXT } from '../config/messages.ts';
import type { ParamClass } from './options.ts';
import type { PostconfOutput } from './output.ts';

interface ParamNode {
  /** 'legacy': an obsolete name that defaults refer to; listed only once main.cf sets it. */
  cls: ParamClass | 'legacy';
  /** Raw default for service-defined names (`$default_...`); user names have none. */
  readonly serviceDefault?: string;
}

/** A master.cf entry's own name space (`-o name=value`). */
export interface LocalScope {
  readonly entry: MasterEntry;
  readonly dict: Map<string, string>;
  readonly valid: Set<string>;
}

export interface RegistryOptions {
  readonly host: HostFacts;
  /** main.cf settings (after -o overrides); null with -d (main.cf is not read). */
  readonly main: Map<string, string> | null;
  readonly master: readonly MasterEntry[];
  readonly out: PostconfOutput;
  readonly verbose: number;
  readonly mainPath: string;
  readonly masterPath: string;
}

/** Which value a lookup wants: -d (defaults only), -n (only main.cf), or the effective one. */
export interface LookupMode {
  readonly defaults: boolean;
  readonly nonDefault: boolean;
}

export class ParamRegistry {
  readonly #table = new Map<string, ParamNode>();
  readonly #host: HostFacts;
  readonly #main: Map<string, string> | null;
  readonly #out: PostconfOutput;
  readonly #verbose: number;
  readonly #mainPath: string;
  readonly #masterPath: string;
  readonly locals: LocalScope[] = [];
  readonly #masterEntries: readonly MasterEntry[];
  readonly #restrictionClasses = new Set<string>();

  constructor(o: RegistryOptions) {
    this.#host = o.host;
    this.#main = o.main;
    this.#out = o.out;
    this.#verbose = o.verbose;
    this.#mainPath = o.mainPath;
    this.#masterPath = o.masterPath;
    this.#masterEntries = o.master;
    for (const name of builtinParameterNames()) this.#table.set(name, { cls: 'builtin' });
    for (const name of LEGACY_PARAMETERS) this.#table.set(name, { cls: 'legacy' });
    for (const e of o.master) {
      for (const p of serviceParameters(e.name, e.argv[7] ?? '')) {
        const node = this.#table.get(p.name);
        // A built-in name that is also service-defined (local_destination_concurrency_limit)
        // keeps its default but counts as a service parameter (postconf -C service).
        if (node === undefined) this.#table.set(p.name, { cls: 'service', serviceDefault: p.defaultValue });
        else if (node.cls === 'builtin') node.cls = 'service';
      }
    }
  }

  has(name: string): boolean {
    return this.#table.has(name);
  }

  /** The class postconf -C filters on; undefined for unknown and (unset) legacy names. */
  classOf(name: string): ParamClass | undefined {
    const cls = this.#table.get(name)?.cls;
    return cls === 'legacy' ? undefined : cls;
  }

  isRaw(name: string): boolean {
    return RAW_PARAMETERS.has(name);
  }

  /** All known names, sorted by byte value (qsort with strcmp). */
  sortedNames(): string[] {
    return [...this.#table.keys()].sort(byteCompare);
  }

  mainValue(name: string): string | undefined {
    return this.#main?.get(name);
  }

  /** The raw default of a known parameter (convert_param_node(SHOW_DEFS)). */
  defaultValue(name: string, local: LocalScope | null = null): string | undefined {
    const node = this.#table.get(name);
    if (node === undefined) return undefined;
    if (node.cls === 'user') return '';
    if (node.serviceDefault !== undefined) return node.serviceDefault;
    if (name === 'service_name' && local !== null) return local.entry.name;
    const main = this.#main;
    return builtinDefault(name, this.#host, main === null ? () => undefined : (n) => main.get(n));
  }

  /** lookup_parameter_value(): the value postconf shows for a known name, or undefined. */
  value(name: string, mode: LookupMode, local: LocalScope | null = null): string | undefined {
    if (local !== null) {
      const v = local.dict.get(name);
      if (v !== undefined) return v;
    }
    if (!mode.defaults) {
      const v = this.#main?.get(name);
      if (v !== undefined) return v;
      if (mode.nonDefault) return undefined;
    }
    return this.defaultValue(name, local);
  }

  /** expand_parameter_value(): `$name` expansion of a value; fatal "macro processing error" on error. */
  expand(value: string, mode: LookupMode, local: LocalScope | null = null): string {
    const lookupMode: LookupMode = { defaults: mode.defaults, nonDefault: false };
    const lookup: MacroLookup = (name) =>
      this.#table.has(name) || (local?.dict.has(name) ?? false) ? this.value(name, lookupMode, local) : undefined;
    const r = expandMacros(value, lookup, { warn: (t) => this.#out.warn(t) });
    if (r.error) this.#out.fatal(PARAM_TEXT.macroProcessing);
    return r.value;
  }

  /** pcf_register_user_parameters(). Warnings go straight to the output. */
  registerUserParameters(): void {
    for (const e of this.#masterEntries) {
      if (e.params.size > 0) this.locals.push({ entry: e, dict: new Map(e.params), valid: new Set() });
    }
    for (const local of this.locals) this.#scanNamespace(local);
    // Names referred to by defaults (for example an obsolete name in a compatible default).
    for (const name of this.sortedNames()) {
      if (RAW_PARAMETERS.has(name) || this.#main?.has(name) === true) continue;
      const dflt = this.defaultValue(name);
      if (dflt !== undefined && dflt.includes('$')) this.#scan(dflt, null);
    }
    this.#scanNamespace(null);
  }

  #scanNamespace(local: LocalScope | null): void {
    const dict = local === null ? this.#main : local.dict;
    if (dict === null) return;
    const classes = dict.get('smtpd_restriction_classes');
    if (classes !== undefined) {
      const expanded = expandMacros(classes, (n) => dict.get(n)).value;
      for (const cls of expanded.split(/[, \t\r\n]+/)) {
        if (cls === '') continue;
        if (local === null) this.#restrictionClasses.add(cls);
        this.#flag(cls, local);
      }
    }
    for (const [name, value] of [...dict]) {
      if (local !== null && !local.valid.has(name) && this.#restrictionClasses.has(name)) local.valid.add(name);
      const node = this.#table.get(name);
      if (node !== undefined) {
        if (READ_ONLY_PARAMETERS.has(name)) {
          this.#out.warn(PARAM_TEXT.readOnly(local === null ? this.#mainPath : this.#masterPath, name, value));
          dict.delete(name);
          continue;
        }
        if (node.cls === 'legacy') node.cls = 'user';
        if (RAW_PARAMETERS.has(name)) continue;
      }
      this.#scan(value, local);
      // Postfix 3.7 also expands each known setting here (observed with postconf -vv);
      // a value that cannot be expanded is fatal even when nothing prints it.
      if (this.#table.has(name)) this.expand(value, { defaults: false, nonDefault: false }, local);
    }
  }

  #scan(value: string, local: LocalScope | null): void {
    scanMacros(
      value,
      (name) => this.#flag(name, local),
      (t) => this.#out.warn(t),
    );
  }

  /** flag_user_parameter(). */
  #flag(name: string, local: LocalScope | null): void {
    let supplied = false;
    if (local !== null && local.dict.has(name)) {
      supplied = true;
      if (!local.valid.has(name)) {
        local.valid.add(name);
        if (this.#verbose > 0) this.#out.info(PARAM_TEXT.validatesLocal(name, local.entry.namespace));
      }
    } else if (this.#main?.has(name) === true) {
      supplied = true;
      if (!this.#table.has(name)) {
        this.#table.set(name, { cls: 'user' });
        if (this.#verbose > 0) {
          this.#out.info(local === null ? PARAM_TEXT.validatesGlobal(name) : PARAM_TEXT.validatesMain(name, local.entry.namespace));
        }
      }
    }
    if (local === null) {
      for (const l of this.locals) {
        if (!l.dict.has(name)) continue;
        supplied = true;
        if (!l.valid.has(name)) {
          l.valid.add(name);
          if (this.#verbose > 0) this.#out.info(PARAM_TEXT.validatesMaster(name, 'main.cf', l.entry.namespace));
        }
      }
    }
    if (!supplied && !this.#table.has(name)) {
      this.#out.warn(PARAM_TEXT.undefined(local === null ? this.#mainPath : this.#masterPath, name));
    }
  }

  /** pcf_flag_unused_main_parameters(). */
  flagUnusedMain(): void {
    if (this.#main === null) return;
    for (const [name, value] of this.#main) {
      if (!this.#table.has(name)) this.#out.warn(PARAM_TEXT.unused(this.#mainPath, name, value));
    }
  }

  /** pcf_flag_unused_master_parameters(). */
  flagUnusedMaster(): void {
    for (const l of this.locals) {
      for (const [name, value] of l.dict) {
        if (!this.#table.has(name) && !l.valid.has(name)) this.#out.warn(PARAM_TEXT.unused(this.#masterPath, name, value));
      }
    }
  }

  /** The local scope of a master.cf entry, when it has `-o` settings. */
  localOf(entry: MasterEntry): LocalScope | null {
    return this.locals.find((l) => l.entry === entry) ?? null;
  }
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

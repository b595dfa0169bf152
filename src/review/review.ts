/**
 * The review, end to end and pure: inputs checked (size, binary) before parsing, postconf -P merged, the
 * configuration loaded as Postfix reads it, the findings, and the lab image that boots it. Both the page
 * (/review/) and the CLI (scripts/review.ts) call `reviewConfig`; only the file lookup differs.
 */
import { LAB_CERT_PATH, LAB_KEY_PATH, LAB_TLS_FILES } from '../engine/tls/data/lab-pki.ts';
import type { FileLookup, SimFile } from '../engine/tls/types.ts';
import { MAIN_CF, MASTER_CF } from '../engine/world/config-loader.ts';
import { labFiles } from '../engine/world/data/lab-files.ts';
import { emptyImage, type LabImage } from '../lesson-runtime/lab-image.ts';
import { scenarioNamed } from '../lesson-runtime/scenarios/index.ts';
import { computeFindings, type Finding } from './findings.ts';
import { checkInput, isPostconfP, mergePostconfP } from './input.ts';
import { buildModel, type ReviewModel } from './model.ts';
import { CERT_SUBSTITUTE_TEXT, INPUT_TEXT } from './texts.ts';

export interface ReviewInput {
  /** main.cf, or `postconf -n` output. */
  readonly mainCf: string;
  /** master.cf, or `postconf -M` output; may be followed by (or be only) `postconf -P` lines. Empty: Debian's stock master.cf. */
  readonly masterCf: string;
  /** Extra `postconf -P` output, merged into master.cf. */
  readonly postconfP?: string;
}

export interface ReviewOptions {
  /** The files the configuration names (certificates, keys). Default: the lab machine's files. */
  readonly files?: FileLookup;
  /** Put the lab's certificate and key where the configuration names files that are missing. */
  readonly substituteCerts?: boolean;
}

export type Review =
  | { readonly ok: false; readonly problems: readonly string[] }
  | {
      readonly ok: true;
      /** Notes about the input (postconf -P merges, substituted files). */
      readonly notes: readonly string[];
      readonly mainCf: string;
      readonly masterCf: string;
      readonly model: ReviewModel;
      readonly findings: readonly Finding[];
      /** Files the lab needs added so the configuration runs as reviewed (substituted certificates). */
      readonly extraFiles: Readonly<Record<string, SimFile>>;
    };

const CERT_PARAMS = ['smtpd_tls_cert_file', 'smtpd_tls_key_file'] as const;

/** The lab machine's files as a lookup (what the page's lab has). */
export function labLookup(): FileLookup {
  const files = labFiles();
  return (p: string) => files[p];
}

export function reviewConfig(input: ReviewInput, opts: ReviewOptions = {}): Review {
  const problems: string[] = [];
  const main = checkInput('main.cf', input.mainCf);
  const master = checkInput('master.cf', input.masterCf);
  const p = checkInput('The postconf -P output', input.postconfP ?? '');
  for (const c of [main, master, p]) if (!c.ok) problems.push(c.message);
  if (!main.ok || !master.ok || !p.ok) return { ok: false, problems };
  const notes: string[] = [];
  let masterCf = master.text;
  let pText = p.text;
  if (isPostconfP(masterCf)) {
    pText = `${masterCf}\n${pText}`;
    masterCf = '';
  }
  if (masterCf.trim() === '') {
    masterCf = labFiles()[MASTER_CF]?.content ?? '';
    if (pText.trim() !== '') notes.push(INPUT_TEXT.postconfPWithoutM);
  }
  if (pText.trim() !== '') masterCf = mergePostconfP(masterCf, pText, notes);
  const mainCf = main.text;
  const base = opts.files ?? labLookup();
  let model = buildModel(mainCf, masterCf, { files: base });
  const extraFiles: Record<string, SimFile> = {};
  if (opts.substituteCerts === true) {
    for (const s of model.smtpd) {
      for (const name of CERT_PARAMS) {
        const path = s.params.get(name);
        if (path === '' || base(path) !== undefined || extraFiles[path] !== undefined) continue;
        const lab = LAB_TLS_FILES[name === 'smtpd_tls_cert_file' ? LAB_CERT_PATH : LAB_KEY_PATH];
        if (lab === undefined) continue;
        extraFiles[path] = lab;
        notes.push(CERT_SUBSTITUTE_TEXT.substituted(path));
      }
    }
    if (Object.keys(extraFiles).length > 0) {
      const lookup: FileLookup = Object.assign(
        (q: string) => extraFiles[q] ?? base(q),
        base.isDirectory === undefined ? {} : { isDirectory: base.isDirectory },
      );
      model = buildModel(mainCf, masterCf, { files: lookup });
    }
  }
  return { ok: true, notes, mainCf, masterCf, model, findings: computeFindings(model), extraFiles };
}

/** The storage key the review's lab uses: never a lesson's, never the /lab/ page's. */
export const REVIEW_STORAGE_KEY = 'review/pasted-config';

/** A lab image (lab-default scenario) that boots the reviewed configuration. */
export function reviewImage(r: Extract<Review, { ok: true }>): LabImage {
  const scenario = scenarioNamed('lab-default') ?? { name: 'lab-default', version: 1 };
  const image = emptyImage({ name: scenario.name, version: scenario.version }, { mainCf: r.mainCf, masterCf: r.masterCf });
  const files: Record<string, { content: string; mode: number } | null> = {
    [MAIN_CF]: { content: r.mainCf, mode: 0o644 },
    [MASTER_CF]: { content: r.masterCf, mode: 0o644 },
  };
  for (const [path, f] of Object.entries(r.extraFiles)) files[path] = { content: f.content, mode: f.mode };
  return { ...image, files };
}

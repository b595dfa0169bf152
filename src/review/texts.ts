/**
 * The review's own words (input problems, the "not simulated here" notes). Postfix's own messages never
 * live here: they come from the engine (config/, postconf/, tls/), which took them from the corpus.
 */
export const MAX_INPUT_BYTES = 256 * 1024;

export const INPUT_TEXT = {
  tooBig: (what: string, size: number): string =>
    `${what} is ${Math.ceil(size / 1024)} KB: the review reads files up to ${MAX_INPUT_BYTES / 1024} KB. A real main.cf or master.cf is far smaller; paste the file itself, not a log or an archive.`,
  binary: (what: string): string => `${what} is not a text file (it holds binary data), so it was not read.`,
  postconfPWithoutM:
    'The postconf -P lines were merged into the stock master.cf: paste the postconf -M output as well to review your own services.',
  postconfPUnknown: (namespace: string): string =>
    `postconf -P names ${namespace}, which the master.cf has no entry for: that line was skipped.`,
} as const;

export const NOT_SIMULATED_TEXT = {
  service: (name: string, type: string, command: string): string =>
    `${name}/${type} runs ${command}, which the lab does not simulate: the review leaves it out.`,
  postscreen: (name: string): string =>
    `${name} runs postscreen in front of smtpd, which the lab does not simulate: the review judges the smtpd behind it (the "pass" service) as the port's server.`,
  parameter: (scope: string, name: string): string => `${scope} sets ${name}, which the lab does not simulate: the review leaves it out.`,
  mapType: (scope: string, name: string, type: string): string =>
    `${scope}: ${name} uses a ${type}: table, which the lab cannot read: the review leaves it out.`,
  policy: (scope: string, name: string): string =>
    `${scope}: ${name} asks a policy service, which the lab does not simulate: the review leaves it out.`,
} as const;

export const CERT_SUBSTITUTE_TEXT = {
  substituted: (path: string): string => `${path} is missing here: the lab's own certificate (or key) stands in for it.`,
} as const;

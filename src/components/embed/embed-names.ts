/**
 * The names under /embed/<name>/ and what each one shows. A post embeds a name, so a name, once
 * published, keeps meaning the same lab: never rename or remove a row; when a lesson or scenario changes
 * shape, add a new name (…-v2) and keep the old row pointing where it did. The build fails when a row
 * names a lesson or scenario that no longer exists (src/pages/embed/[name].astro checks).
 */
export interface EmbedTarget {
  /** The lab's scenario (a key of SCENARIOS). */
  readonly scenario: string;
  /** The lesson whose exercises and panel controls the embed shows (its slug), if any. */
  readonly lesson?: string;
  /** A short description for the "Embed this lab" page. */
  readonly title: string;
}

export const EMBEDS: Readonly<Record<string, EmbedTarget>> = {
  // Scenarios (the lab as each one boots).
  'lab-default': { scenario: 'lab-default', title: 'The lab as it boots: STARTTLS offered on port 25' },
  'tls-off': { scenario: 'tls-off', title: 'TLS turned off' },
  'cert-key-missing': { scenario: 'cert-key-missing', title: 'A certificate whose key file is missing' },
  'tls-loglevel-0': { scenario: 'tls-loglevel-0', title: 'TLS logging at level 0' },
  'submission-no-auth': { scenario: 'submission-no-auth', title: 'Port 587 without authentication' },
  'article-final': { scenario: 'article-final', title: 'The finished setup: 25, 587 and 465' },
  'outgoing-none': { scenario: 'outgoing-none', title: 'Outgoing mail without TLS' },
  'stripped-path': { scenario: 'stripped-path', title: 'A path where STARTTLS is stripped' },
  // Lessons (their lab, panel controls and exercises).
  'what-encrypting-email-means': { scenario: 'lab-default', lesson: 'what-encrypting-email-means', title: 'Lesson 1' },
  'two-roles-two-prefixes': { scenario: 'lab-default', lesson: 'two-roles-two-prefixes', title: 'Lesson 2' },
  'opportunistic-tls': { scenario: 'tls-off', lesson: 'opportunistic-tls', title: 'Lesson 3' },
  certificates: { scenario: 'cert-key-missing', lesson: 'certificates', title: 'Lesson 4' },
  'protocol-versions': { scenario: 'lab-default', lesson: 'protocol-versions', title: 'Lesson 5' },
  'tls-logging': { scenario: 'tls-loglevel-0', lesson: 'tls-logging', title: 'Lesson 6' },
  'submission-587': { scenario: 'lab-default', lesson: 'submission-587', title: 'Lesson 7' },
  'auth-behind-tls': { scenario: 'submission-no-auth', lesson: 'auth-behind-tls', title: 'Lesson 8' },
  testing: { scenario: 'article-final', lesson: 'testing', title: 'Lesson 9' },
  'implicit-tls-465': { scenario: 'article-final', lesson: 'implicit-tls-465', title: 'Lesson 10' },
  'outgoing-tls': { scenario: 'outgoing-none', lesson: 'outgoing-tls', title: 'Lesson 11' },
  'starttls-stripping': { scenario: 'stripped-path', lesson: 'starttls-stripping', title: 'Lesson 12' },
};

/** The message an embed sends its parent with its height (CSS pixels). */
export const HEIGHT_MESSAGE = 'postfix-lab:height';

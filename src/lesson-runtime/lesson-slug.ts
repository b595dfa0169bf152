/**
 * URL slug of a lesson from its path inside `lessons/`.
 *
 * The numeric prefix that keeps files sorted in a directory listing (`01-`) is dropped, so renumbering
 * files never changes a lesson's address: `01-what-encrypting-email-means.mdx` becomes
 * `what-encrypting-email-means`, `02-relay/03-may.mdx` becomes `relay/may`. The order on the site
 * comes from the `order` frontmatter field, not from the file name.
 */
export function lessonSlug(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/\.mdx?$/i, '')
    .split('/')
    .map((part) => part.replace(/^\d+-(?=.)/, ''))
    .join('/')
    .toLowerCase();
}

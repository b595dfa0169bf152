import { parseAliases } from '../queue/aliases.ts';
import type { FileLookup } from '../tls/types.ts';

/**
 * local_recipient_maps = proxy:unix:passwd.byname $alias_maps (the default): a local part is known when
 * /etc/passwd has that user or /etc/aliases that alias (corpus smtp-edge-cases: `root` yes, `nosuchuser` no).
 * Reads the files at each lookup, so edits take effect as Postfix's proxymap would see them.
 */
export function localRecipientsFrom(files: FileLookup, aliasFile = '/etc/aliases'): (localPart: string) => boolean {
  return (localPart) => {
    const passwd = files('/etc/passwd')?.content ?? '';
    for (const line of passwd.split('\n')) {
      const name = line.split(':')[0];
      if (name !== undefined && name !== '' && !name.startsWith('#') && name.toLowerCase() === localPart) return true;
    }
    const aliases = files(aliasFile)?.content;
    return aliases !== undefined && parseAliases(aliases).has(localPart);
  };
}

/*
 * What the queue tools (sendmail, postqueue/mailq, postsuper, postdrop) print.
 */

/** corpus: terminal/term-postfix-cli/screen.txt, `mailq` and `postqueue -p` on an empty queue. */
export const QUEUE_EMPTY = 'Mail queue is empty';

/** corpus: terminal/term-postfix-cli/screen.txt, mailq while Postfix is stopped (then the listing follows). */
export const QUEUE_DOWN_WARNING =
  'postqueue: warning: Mail system is down -- accessing queue directly (Connect to the Postfix showq service: Connection refused)';

/** corpus: outbound-encrypt-nostarttls/transcript.txt, the header line of `postqueue -p`. */
export const QUEUE_HEADER = '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------';

/**
 * corpus: outbound-encrypt-nostarttls, `-- 0 Kbytes in 1 Request.`; the plural `Requests` for other
 * counts is Postfix's showq output (postqueue/showq_compat.c), not in the corpus.
 */
export const queueTrailer = (kbytes: number, requests: number): string =>
  `-- ${kbytes} Kbytes in ${requests} Request${requests === 1 ? '' : 's'}.`;

/** corpus: outbound-encrypt-nostarttls, stderr of `postsuper -d ALL`: `postsuper: Deleted: 1 message`. */
export const postsuperDeletedStderr = (n: number): string => `postsuper: Deleted: ${n} message${n === 1 ? '' : 's'}`;

/*
 * Postfix's own texts for a stopped mail system (postqueue.c, postdrop.c, mail_trigger; not in
 * the corpus): a flush cannot reach qmgr, a submission cannot wake pickup.
 */
export const POSTQUEUE_NO_QMGR = 'postqueue: warning: unable to look up public/qmgr: No such file or directory';
export const POSTQUEUE_FLUSH_DOWN = 'postqueue: fatal: Cannot flush mail queue - mail system is down';
export const POSTDROP_NO_PICKUP = 'postdrop: warning: unable to look up public/pickup: No such file or directory';

/** sendmail(1)'s fatal messages go to stderr with the program name in front of the log text. */
export const sendmailStderr = (logText: string): string => `sendmail: ${logText}`;

/** postqueue(1) usage, exit 64 (Postfix postqueue.c; not in the corpus). */
export const POSTQUEUE_USAGE =
  'postqueue: fatal: usage: postqueue -f | postqueue -i queueid | postqueue -j | postqueue -p | postqueue -s site';

/** postsuper(1) usage, exit 1 (Postfix 3.x postsuper.c, `-S` included, no space before `[-v`; not in the corpus). */
export const POSTSUPER_USAGE =
  'postsuper: fatal: usage: postsuper [-c config_dir] [-d queue_id (delete)] [-h queue_id (hold)] [-H queue_id (un-hold)] [-p (purge temporary files)] [-r queue_id (requeue)] [-s (structure fix)] [-S (redundant structure fix)][-v (verbose)] [queue...]';

/**
 * `postqueue -i` with a malformed queue ID, exit 64 (Postfix postqueue.c flush_file, FLUSH_STAT_BAD;
 * not in the corpus).
 */
export const postqueueInvalidRequest = (id: string): string => `postqueue: fatal: Invalid request: "${id}"`;

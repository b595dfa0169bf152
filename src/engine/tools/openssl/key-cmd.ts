/**
 * `openssl rsa` and `openssl pkey` (OpenSSL 3.0.22) on the lab's RSA key: `-noout`, `-modulus` (rsa only;
 * pkey takes it for a cipher name), `-check`, `-text`, `-pubout`. Output order as the real programs:
 * rsa prints text, modulus, check, then the key; pkey prints check, the key, then text. Texts in inspect-texts.ts.
 */
import { rsaKeyText, rsaModulusHex, rsaPrivateKeyFromPem, rsaPrivateKeyPem, rsaPublicKeyPem } from '../../tls/x509/rsa-key.ts';
import type { RsaPrivateKey } from '../../tls/x509/rsa-key.ts';
import { bigNumber } from '../../tls/x509/bn-text.ts';
import type { InspectEnv } from './inspect-io.ts';
import { Args, inputName, loadInput } from './inspect-io.ts';
import { errLine, INSPECT_ERR, KEY_TEXT, LOAD, usageError, X509_TEXT } from './inspect-texts.ts';
import type { ToolStep } from './tool-io.ts';
import { Output } from './tool-io.ts';

type Prog = 'rsa' | 'pkey';

interface KeyOptions {
  input: string | null;
  noout: boolean;
  modulus: boolean;
  check: boolean;
  text: boolean;
  /** pkey -text_pub: the public half only. */
  textPub: boolean;
  pubout: boolean;
}

const IGNORED_WITH_VALUE = new Set(['-inform', '-outform', '-passin', '-passout']);

/** The public half as `pkey -text -pubout` prints it (no indent, `Public-Key:`). */
function publicText(k: RsaPrivateKey): string {
  return `Public-Key: (${k.bits} bit)\n${bigNumber('Modulus:', k.numbers[0] ?? new Uint8Array(), 0)}${bigNumber('Exponent:', k.numbers[1] ?? new Uint8Array(), 0)}`;
}

export function keyCommand(prog: Prog, argv: readonly string[], env: InspectEnv): ToolStep {
  const out = new Output();
  const args = new Args(argv);
  const o: KeyOptions = { input: null, noout: false, modulus: false, check: false, text: false, textPub: false, pubout: false };
  for (let a = args.next(); a !== undefined; a = args.next()) {
    const name = a.startsWith('--') ? a.slice(1) : a;
    if (name === '-in' || IGNORED_WITH_VALUE.has(name)) {
      const v = args.value();
      if (v === undefined) {
        out.stderr(usageError(prog, `Option ${a} needs a value`));
        return out.take(1);
      }
      if (name === '-in') o.input = v;
      continue;
    }
    if (name === '-noout') o.noout = true;
    else if (name === '-modulus' && prog === 'rsa') o.modulus = true;
    else if (name === '-check') o.check = true;
    else if (name === '-text') o.text = true;
    else if (name === '-text_pub' && prog === 'pkey') o.textPub = true;
    else if (name === '-pubout') o.pubout = true;
    else if (name.startsWith('-') && name.length > 1) {
      // Any other -xxx is taken for a cipher to encrypt the output key with.
      out.stderr(KEY_TEXT.unknownCipher(prog, name.slice(1)));
      if (prog === 'pkey') out.stderr(errLine(env.threadId, INSPECT_ERR.fetchUnsupported(name.slice(1))));
      return out.take(1);
    } else {
      out.stderr(usageError(prog, null));
      return out.take(1);
    }
  }
  const what = prog === 'rsa' ? 'private key' : 'key';
  const text = loadInput(env, out, o.input, what, false);
  if (text === null) return out.take(1);
  const key = rsaPrivateKeyFromPem(text);
  if (key === null) {
    out.stderr(LOAD.cannotRead(what, inputName(o.input)));
    return out.take(1);
  }
  const keyPem = o.pubout ? rsaPublicKeyPem(key) : rsaPrivateKeyPem(key);
  if (prog === 'rsa') {
    if (o.text) out.stdout(rsaKeyText(key));
    if (o.modulus) out.stdout(X509_TEXT.modulus(rsaModulusHex(key)));
    if (o.check) out.stdout(KEY_TEXT.rsaOk);
    if (!o.noout) {
      out.stderr(KEY_TEXT.writingRsa);
      out.stdout(keyPem);
    }
    return out.take(0);
  }
  if (o.check) out.stdout(KEY_TEXT.pkeyValid);
  if (!o.noout) out.stdout(keyPem);
  if (o.text || o.textPub) out.stdout(o.pubout || o.textPub ? publicText(key) : rsaKeyText(key));
  return out.take(0);
}

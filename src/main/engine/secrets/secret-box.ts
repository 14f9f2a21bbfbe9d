// Secrets at rest (webhook URLs, bot tokens, SMTP passwords, signing secrets) go through a
// SecretBox. The Electron app hands the engine one backed by safeStorage; headless hosts use
// the AES-256-GCM box below with a key from NOTIFYCHAIN_SECRET_KEY or a 0600 key file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  /** Throws a SecretsError (`secrets.unreadable`) when the value was not sealed with this key. */
  open(sealed: string): string;
}

export type SecretsErrorCode = 'secrets.unavailable' | 'secrets.unreadable' | 'secrets.bad_key';

export class SecretsError extends Error {
  constructor(
    readonly code: SecretsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretsError';
  }
}

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: `v1:` + base64(iv | tag | ciphertext). The key is fetched on first use. */
export function createAesSecretBox(key: () => Buffer): SecretBox {
  let cached: Buffer | null = null;
  const getKey = () => (cached ??= checkKey(key()));
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new SecretsError('secrets.unreadable', 'not a sealed value');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretsError('secrets.unreadable', 'sealed value is truncated');
      try {
        const decipher = createDecipheriv('aes-256-gcm', getKey(), raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretsError('secrets.unreadable', 'sealed with another key, or altered');
      }
    },
  };
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new SecretsError('secrets.bad_key', `a secret key is 32 bytes, got ${key.length}`);
  return key;
}

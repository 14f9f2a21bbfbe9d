// The app's SecretBox: target secrets sealed with the OS keychain through Electron's
// safeStorage. Where safeStorage has no real keychain behind it (Linux without a secret service
// falls back to a hard-coded key, "basic_text"), the headless AES box with its 0600 key file is
// used instead. Opening goes by the sealed value's prefix, so either kind can be read back.
import { SecretsError, type SecretBox } from '../engine/secrets/secret-box';

const PREFIX = 'ss1:';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export function safeStorageIsStrong(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

export interface DesktopSecretBoxOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The headless box (createNodeSecretBox with the key file next to the database). */
  fallback: SecretBox;
}

export function createDesktopSecretBox({ safeStorage, platform, fallback }: DesktopSecretBoxOptions): SecretBox {
  return {
    seal(plain) {
      if (!safeStorageIsStrong(safeStorage, platform)) return fallback.seal(plain);
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return fallback.open(sealed);
      if (!safeStorage.isEncryptionAvailable()) {
        throw new SecretsError('secrets.unavailable', 'the system keychain is not available');
      }
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        throw new SecretsError('secrets.unreadable', 'sealed by another user or machine, or altered');
      }
    },
  };
}

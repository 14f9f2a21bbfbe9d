import { describe, expect, it, vi } from 'vitest';
import { createAesSecretBox, SecretsError } from '../../../src/main/engine/secrets/secret-box';
import { createDesktopSecretBox, safeStorageIsStrong, type SafeStorageLike } from '../../../src/main/shell/secrets';

function keychain(backend = 'gnome_libsecret', available = true) {
  const key = 0x5a;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    isEncryptionAvailable: vi.fn(() => available),
    encryptString: vi.fn((plain: string) => Buffer.concat([Buffer.from('K'), xor(Buffer.from(plain))])),
    decryptString: vi.fn((data: Buffer) => {
      if (data[0] !== 0x4b) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(data.subarray(1)).toString();
    }),
    getSelectedStorageBackend: vi.fn(() => backend),
  } satisfies SafeStorageLike;
}

const fallback = createAesSecretBox(() => Buffer.alloc(32, 7));

describe('target secrets in the app', () => {
  it('a webhook URL is sealed with the system keychain and opened again', () => {
    const box = createDesktopSecretBox({ safeStorage: keychain(), platform: 'linux', fallback });
    const sealed = box.seal('https://discord.com/api/webhooks/1/secret');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(sealed).not.toContain('secret');
    expect(box.open(sealed)).toBe('https://discord.com/api/webhooks/1/secret');
  });

  it('on Linux without a keyring (basic_text) the key-file box is used instead of a hard-coded key', () => {
    const storage = keychain('basic_text');
    const box = createDesktopSecretBox({ safeStorage: storage, platform: 'linux', fallback });
    const sealed = box.seal('smtp-password');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(storage.encryptString).not.toHaveBeenCalled();
    expect(box.open(sealed)).toBe('smtp-password');
  });

  it('values sealed by `notifychain serve` (key file) open in the app too', () => {
    const box = createDesktopSecretBox({ safeStorage: keychain(), platform: 'darwin', fallback });
    expect(box.open(fallback.seal('bot-token'))).toBe('bot-token');
  });

  it('a tampered or foreign value is reported as unreadable, without its content', () => {
    const box = createDesktopSecretBox({ safeStorage: keychain(), platform: 'win32', fallback });
    const error = (() => {
      try {
        box.open('ss1:' + Buffer.from('garbage').toString('base64'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SecretsError);
    expect(error).toMatchObject({ code: 'secrets.unreadable' });
  });

  it('a keychain that has gone away says so', () => {
    const working = createDesktopSecretBox({ safeStorage: keychain(), platform: 'darwin', fallback });
    const sealed = working.seal('x');
    const broken = createDesktopSecretBox({ safeStorage: keychain('unknown', false), platform: 'darwin', fallback });
    expect(() => broken.open(sealed)).toThrow(expect.objectContaining({ code: 'secrets.unavailable' }));
  });

  it('macOS and Windows keychains count as strong; Linux only with a real secret service', () => {
    expect(safeStorageIsStrong(keychain('unknown'), 'darwin')).toBe(true);
    expect(safeStorageIsStrong(keychain('kwallet5'), 'linux')).toBe(true);
    expect(safeStorageIsStrong(keychain('basic_text'), 'linux')).toBe(false);
    expect(safeStorageIsStrong(keychain('gnome_libsecret', false), 'linux')).toBe(false);
  });
});

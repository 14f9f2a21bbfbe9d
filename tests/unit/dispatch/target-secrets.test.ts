import { describe, expect, it } from 'vitest';
import { webhookConfigSchema } from '../../../src/shared/targets';
import {
  keepMaskedSecrets, maskConfig, openConfig, redact, sealConfig, secretValues,
} from '../../../src/main/engine/dispatch/target-secrets';
import { createNodeSecretBox } from '../../../src/main/engine/secrets/key-source';

const box = createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: 'test key' } });
const config = webhookConfigSchema.parse({
  url: 'https://hooks.example.com/in/abcdef1234567890',
  headers: { 'X-Api-Key': 'key-0123456789abcdef' },
  auth: { type: 'basic', username: 'ops', password: 'hunter2' },
  signing_secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
});

describe('secret fields of a target config', () => {
  it('are sealed at rest, other fields stay readable', () => {
    const sealed = sealConfig('webhook', config, box);
    const text = JSON.stringify(sealed);
    for (const secret of secretValues('webhook', config)) expect(text).not.toContain(secret);
    expect(sealed).toMatchObject({ method: 'POST', auth: { type: 'basic', username: 'ops' } });
    expect(openConfig('webhook', sealed, box)).toEqual(config);
  });

  it('are masked to at most their last four characters', () => {
    expect(maskConfig('webhook', config)).toMatchObject({
      url: '••••7890',
      headers: { 'X-Api-Key': '••••cdef' },
      auth: { type: 'basic', username: 'ops', password: '••••' },
    });
  });

  it('sent back masked keep the stored value; a new value replaces it', () => {
    const masked = maskConfig('webhook', config);
    const next = keepMaskedSecrets('webhook', { ...masked, auth: { type: 'basic', username: 'ops', password: 'new-password' } }, config);
    expect(next).toMatchObject({ url: config.url, headers: config.headers, auth: { password: 'new-password' } });
  });

  it('are cut out of error messages', () => {
    expect(redact('POST https://hooks.example.com/in/abcdef1234567890 failed', secretValues('webhook', config))).toBe('POST •••• failed');
  });
});

import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../../src/main/engine/dispatch/webhook-signature';

describe('Standard Webhooks signature', () => {
  it("matches the specification's published example", () => {
    // The example from the Standard Webhooks spec and its reference libraries.
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

// Target kind → module. A new channel is one file under ./targets and one line here.
import type { TargetKind } from '../../../shared/targets';
import type { Target } from './target';
import { desktopTarget } from './targets/desktop';
import { discordTarget } from './targets/discord';
import { emailTarget } from './targets/email';
import { slackTarget } from './targets/slack';
import { telegramTarget } from './targets/telegram';
import { webhookTarget } from './targets/webhook';

export const TARGET_REGISTRY: { [K in TargetKind]: Target<K> } = {
  discord: discordTarget,
  slack: slackTarget,
  telegram: telegramTarget,
  webhook: webhookTarget,
  email: emailTarget,
  desktop: desktopTarget,
};

export function targetFor(kind: TargetKind): Target {
  return TARGET_REGISTRY[kind] as unknown as Target;
}

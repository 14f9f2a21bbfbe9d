// The engine's desktop target hands its notifications to the host; the host's window and
// notifier exist only after the engine has started. The relay bridges the two: the engine gets
// `send` at start, the desktop connects its handler once it is up. Until then (and after it
// has gone) `send` fails, so the dispatcher retries the delivery instead of losing it.
import type { DesktopNotification } from '../engine/dispatch/target';

type Handler = (notification: DesktopNotification) => void | Promise<void>;

export class DesktopNotificationRelay {
  private handler: Handler | null = null;

  /** Returns the way to disconnect. */
  connect(handler: Handler): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = null;
    };
  }

  readonly send = async (notification: DesktopNotification): Promise<void> => {
    if (!this.handler) throw new Error('the app is not showing notifications right now');
    await this.handler(notification);
  };
}

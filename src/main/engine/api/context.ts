// What the API is built from: the engine, a logger, and the host's security settings.
import type { Engine } from '../engine';
import type { Logger } from '../log/logger';
import type { EventQueries } from '../store/event-queries';
import type { EventHub } from './event-hub';
import type { ApiMetrics } from './prometheus';

export interface ApiContext {
  engine: Engine;
  log: Logger;
  /** The bearer token every write must carry. */
  token: string;
  /** Browser origins allowed cross-origin (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** The address the server is bound to; a non-loopback one turns the Host check off. */
  bindHost?: string;
  /** Largest accepted request body (default 64 KiB). */
  maxBodyBytes?: number;
  /** Most event streams open at once (default 100). */
  maxStreams?: number;
  /** The built dashboard (out/renderer), served at `/` when given (`serve`; the app has its own protocol). */
  dashboardDir?: string;
}

/** What route groups get: the context (less the token, which only the auth check sees) plus the app's shared parts. */
export interface RouteContext extends Omit<ApiContext, 'token'> {
  queries: EventQueries;
  hub: EventHub;
  metrics: ApiMetrics;
  startedAt: Date;
}

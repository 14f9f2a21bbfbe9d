// Binds the API to a host and port (127.0.0.1 by default; 0 picks a free port).
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApiApp, type ApiContext } from './app';

export interface RunningApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApiServer(ctx: ApiContext, host: string, port: number): Promise<RunningApi> {
  const app = createApiApp(ctx);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Binds the API to a host and port (127.0.0.1 by default; 0 picks a free port).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApi, type ApiContext } from './app';

export interface RunningApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApiServer(ctx: Omit<ApiContext, 'bindHost'>, host: string, port: number): Promise<RunningApi> {
  const api = createApi({ ...ctx, bindHost: host });
  const server = createAdaptorServer({ fetch: api.app.fetch, hostname: host }) as Server;
  // Slow-loris and idle sockets: headers must arrive promptly; event streams send keep-alives.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
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
        api.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { RouteContext } from '../context';
import { notModified } from '../middleware/conditional';
import { buildOpenApiDocument } from '../openapi/document';

const VERSION = '0.1.0';

/** GET /openapi.json; `served` lists the app's routes once they are all mounted. */
export function openApiRoutes({ startedAt }: RouteContext, served: () => Array<{ method: string; path: string }>): Hono {
  let text: string | null = null;
  let tag = '';
  return new Hono().get('/openapi.json', (c) => {
    if (text === null) {
      text = JSON.stringify(buildOpenApiDocument(served(), VERSION));
      tag = createHash('sha256').update(text).digest('base64url').slice(0, 22);
    }
    const unchanged = notModified(c, { lastModified: startedAt.toISOString(), tag });
    return unchanged ?? c.body(text, 200, { 'Content-Type': 'application/json' });
  });
}

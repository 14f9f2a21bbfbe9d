// GET/POST /api/contracts and DELETE /api/contracts/:id: watch and unwatch, picked up live by
// the engine; `start_ledger` asks the engine to read the contract back from that ledger.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import {
  contractIdParamSchema,
  watchContractBodySchema,
  type WatchedContractResponse,
} from '../../../../shared/api/contracts';
import type { WatchedContract } from '../../store/store';
import type { RouteContext } from '../context';
import { apiError } from '../errors';
import { notModified } from '../middleware/conditional';
import { validJson, validParam } from '../middleware/validate';

export function contractView(c: WatchedContract): WatchedContractResponse {
  return { id: c.id, name: c.name, event_types: c.eventTypes, start_ledger: c.startLedger, retention_days: c.retentionDays, added_at: c.addedAt };
}

export function contractRoutes({ engine }: RouteContext): Hono {
  const watched = async (id: string) => (await engine.store.listContracts()).find((x) => x.id === id) ?? null;
  return new Hono()
    .get('/api/contracts', async (c) => {
      const contracts = (await engine.store.listContracts()).map(contractView);
      const body = JSON.stringify({ contracts });
      const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
      const newest = contracts.map((x) => x.added_at).sort().at(-1) ?? null;
      const unchanged = notModified(c, { lastModified: newest, tag });
      if (unchanged) return unchanged;
      return c.body(body, 200, { 'Content-Type': 'application/json' });
    })
    .post('/api/contracts', validJson(watchContractBodySchema), async (c) => {
      const body = c.req.valid('json');
      const existed = (await engine.store.listContracts()).some((x) => x.id === body.id);
      const saved = await engine.watch({
        id: body.id,
        name: body.name ?? null,
        eventTypes: body.event_types ?? [],
        startLedger: body.start_ledger ?? null,
        retentionDays: body.retention_days,
      });
      return c.json(contractView(saved), existed ? 200 : 201);
    })
    .get('/api/contracts/:id/coverage', validParam(contractIdParamSchema), async (c) => {
      const contract = await watched(c.req.valid('param').id);
      if (!contract) return apiError(c, 404, 'contract.not_found', `contract ${c.req.valid('param').id} is not watched`);
      return c.json(await engine.store.archive.coverage(contract.id, contract.eventTypes));
    })
    .post('/api/contracts/:id/coverage/fill', validParam(contractIdParamSchema), async (c) => {
      const contract = await watched(c.req.valid('param').id);
      if (!contract) return apiError(c, 404, 'contract.not_found', `contract ${c.req.valid('param').id} is not watched`);
      return c.json(await engine.fillHoles(contract), 202);
    })
    .get('/api/contracts/:id/lifecycle', validParam(contractIdParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await watched(id))) return apiError(c, 404, 'contract.not_found', `contract ${id} is not watched`);
      const lifecycle = await engine.lifecycle.lifecycle(id);
      if (!lifecycle) return apiError(c, 404, 'lifecycle.not_checked', `contract ${id} has not been checked yet`);
      return c.json(lifecycle);
    })
    .delete('/api/contracts/:id', validParam(contractIdParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      if (!(await engine.unwatch(id))) return apiError(c, 404, 'contract.not_found', `contract ${id} is not watched`);
      return c.body(null, 204);
    });
}

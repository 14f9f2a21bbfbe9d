// The OpenAPI 3.1 document, generated once from the route docs and their zod schemas (JSON
// Schema 2020-12, which OpenAPI 3.1 uses as is). Routes the app serves without a doc (another
// group's, not yet described) are still listed, so the document never hides a route.
import { z } from 'zod';
import { INPUT_COMPONENTS, OUTPUT_COMPONENTS, ROUTE_DOCS, type ResponseDoc, type RouteDoc } from './route-docs';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function components(map: Map<z.ZodType, string>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of map) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: REF, unrepresentable: 'any' }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const known = (io === 'input' ? INPUT_COMPONENTS : OUTPUT_COMPONENTS).get(schema);
  if (known) return { $ref: REF(known) };
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function response(doc: ResponseDoc): Json {
  if (!doc.schema && !doc.contentType) return { description: doc.description };
  return {
    description: doc.description,
    content: { [doc.contentType ?? 'application/json']: doc.schema ? { schema: schemaOf(doc.schema, 'output') } : {} },
  };
}

function operation(doc: RouteDoc): Json {
  const headers = (doc.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' } }));
  const responses: Record<string, Json> = {};
  for (const [status, r] of Object.entries(doc.responses)) responses[status] = response(r);
  if (doc.conditional) responses['304'] = { description: 'Not modified since If-Modified-Since / If-None-Match' };
  responses['403'] = { description: 'Host or Origin not allowed', content: { 'application/json': { schema: { $ref: REF('Error') } } } };
  return {
    summary: doc.summary,
    tags: [doc.tag],
    parameters: [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query'), ...headers],
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(doc.body, 'input') } } } } : {}),
    ...(doc.write ? { security: [{ bearer: [] }] } : {}),
    responses,
  };
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z_]\w*)/g, '{$1}');

/** `served`: every (method, path) the app answers, for listing routes that have no doc. */
export function buildOpenApiDocument(served: Array<{ method: string; path: string }>, version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const doc of ROUTE_DOCS) (paths[openApiPath(doc.path)] ??= {})[doc.method] = operation(doc);
  for (const route of served) {
    const method = route.method.toLowerCase();
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    const entry = (paths[openApiPath(route.path)] ??= {});
    entry[method] ??= {
      summary: `${route.method} ${route.path}`,
      parameters: [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(method === 'get' ? {} : { security: [{ bearer: [] }] }),
      responses: { default: { description: 'See the route group for its shapes' } },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'NotifyChain local API',
      version,
      description: 'Soroban events stored by NotifyChain. Reads are open on loopback; writes need `Authorization: Bearer <token>` (the api-token file next to the database).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ...components(OUTPUT_COMPONENTS, 'output'), ...components(INPUT_COMPONENTS, 'input') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

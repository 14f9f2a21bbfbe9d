// One PostgreSQL server for the whole test run; each suite creates its own database on it.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './fixtures/postgres';

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

import { defineConfig } from 'vitest/config';

// Test files share a worker's module cache (isolate: false) unless they replace modules
// (vi.mock of electron, fake timers): those run isolated so a mock never leaks into the next file.
const ISOLATED = ['tests/unit/shell/**/*.test.ts', 'tests/integration/shell/**/*.test.ts', 'tests/unit/demo-chain.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'isolated', include: ISOLATED, isolate: true },
      },
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
        },
      },
    ],
  },
});

// The architecture, checked in `npm test` (npm run check:imports): which part may import which.
// A violation fails with the file, the import and the rule's name and comment.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-host-free',
      comment: 'src/main/engine runs under plain Node (serve, tests): no electron, shell, preload or renderer.',
      severity: 'error',
      from: { path: '^src/main/engine/' },
      to: { path: ['^electron$', '^node_modules/electron/', '^src/main/shell/', '^src/preload/', '^src/renderer/', '^src/main/(index|cli)\\.ts$'] },
    },
    {
      name: 'renderer-imports-shared-only',
      comment: 'The renderer runs in a browser page: it imports src/shared and its own folder, never main or preload code.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload)/' },
    },
    {
      name: 'preload-imports-shared-only',
      comment: 'The preload bridge imports src/shared and its own folder only.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/(main|renderer)/' },
    },
    {
      name: 'store-knows-no-pipeline',
      comment: 'The store is the bottom layer: it imports neither stellar/, dispatch/, scheduler/ nor api/ (lifecycle rules are handed to it).',
      severity: 'error',
      from: { path: '^src/main/engine/store/' },
      to: { path: '^src/main/engine/(stellar|dispatch|scheduler|api)/' },
    },
    {
      name: 'postgres-apart-from-sqlite',
      comment: 'Each backend stands alone behind the store seam.',
      severity: 'error',
      from: { path: '^src/main/engine/store/postgres/' },
      to: { path: '^src/main/engine/store/sqlite/' },
    },
    {
      name: 'sqlite-apart-from-postgres',
      comment: 'Each backend stands alone behind the store seam.',
      severity: 'error',
      from: { path: '^src/main/engine/store/sqlite/' },
      to: { path: '^src/main/engine/store/postgres/' },
    },
    {
      name: 'shared-is-app-free',
      comment: 'src/shared is used by main, preload and the browser page: no app code.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|preload|renderer)/' },
    },
    {
      name: 'shared-is-node-free',
      comment: 'src/shared runs in the browser page too: no Node-only module.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // TypeScript 7 has no JS API yet; swc parses the sources.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|node_modules)/' },
  },
};

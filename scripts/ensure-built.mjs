// Builds the app when out/ is missing or older than src/, so `npm run serve` works right after
// `npm install` without an explicit build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const built = 'out/main/cli.js';
const stale = !existsSync(built) || newestMtime('src') > statSync(built).mtimeMs;
if (stale) {
  process.stderr.write('notifychain: building (first run or sources changed)…\n');
  execSync('npx electron-vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
}

// `npm test` after the build: vitest (engine, store, API, shell with electron mocked) and
// Playwright (the dashboard in Chromium) run side by side. Most of either suite waits on
// loopback servers and ledger timers rather than the CPU, so overlapping them nearly halves the
// wall time on a 2-core machine. Vitest prints live; Playwright's report follows it, whole.
// Exit status: non-zero when either suite failed.
import { spawn } from 'node:child_process';

const bin = (name) => (process.platform === 'win32' ? `${name}.cmd` : name);

function run(command, args, { capture }) {
  return new Promise((resolve) => {
    const child = spawn(bin(command), args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], shell: process.platform === 'win32' });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const started = Date.now();
const browser = run('npx', ['playwright', 'test'], { capture: true });
const engine = await run('npx', ['vitest', 'run'], { capture: false });
process.stdout.write('\n── Playwright (dashboard in Chromium) ──\n');
const dashboard = await browser;
process.stdout.write(dashboard.output);
const seconds = Math.round((Date.now() - started) / 1000);
process.stdout.write(`\nvitest: ${engine.code === 0 ? 'passed' : 'FAILED'} · playwright: ${dashboard.code === 0 ? 'passed' : 'FAILED'} · ${seconds} s\n`);
process.exit(engine.code !== 0 ? engine.code : dashboard.code);

// The dashboard in real Chromium against `notifychain serve --network demo` on a temp database.
// Needs a build (`npm run build`). Each page's screenshot is kept in test-results/.
//   npx playwright test tests/e2e/dashboard.spec.ts
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { failing, ok, startHttpSink, type HttpSink } from '../fixtures/sinks/http-sink';
import { root, startServe, type ServeHandle } from './dashboard-fixtures';

test.beforeAll(() => {
  // Fail rather than skip: a missing build must not pass as a green run (npm test builds first).
  if (!existsSync(join(root, 'out/main/cli.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    throw new Error('the app is not built: run `npm run build` first (npm test does)');
  }
});
test.describe.configure({ mode: 'serial' });

let serve: ServeHandle;
const SHOTS = join(root, 'test-results', 'dashboard');

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  serve = await startServe();
});
test.afterAll(async () => {
  await serve?.stop();
});

/** Opens the dashboard as `serve` prints it: the token in the address. */
async function open(page: Page, hash = '#/feed', withToken = true): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && problems.push(m.text()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${serve.dashboardUrl}/${withToken ? `?token=${serve.token}` : ''}${hash}`);
  return problems;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: name !== 'feed' });
}

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${serve.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}`, ...init.headers } });
  return (await res.json()) as T;
};
const contractCount = async () => (await api<{ contracts: unknown[] }>('/api/contracts')).contracts.length;

test('the feed fills live, and an event opens with its fields, topics and raw XDR', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems = await open(page);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/#\/feed$/); // the token left the address bar
  const rows = page.locator('.feed-row:not(.placeholder)');
  await expect(rows.first()).toBeVisible();
  const firstId = await rows.first().getAttribute('data-event-id');
  // A ledger closes every second: new events arrive over the stream and go on top.
  await expect.poll(() => rows.first().getAttribute('data-event-id'), { timeout: 20_000 }).not.toBe(firstId);
  await expect(page.locator('.statusbar')).toContainText('Stream live');

  await rows.nth(2).click();
  const detail = page.getByRole('complementary', { name: 'Event details' });
  await expect(detail.getByRole('heading', { level: 3, name: /Fields/ })).toBeVisible();
  await expect(detail.getByText('Raw XDR')).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Copy raw value' })).toBeVisible();
  await page.getByRole('listbox', { name: /Events/ }).press('ArrowDown');
  await expect(page.locator('.feed-row[aria-selected="true"]')).toHaveCount(1);
  await shot(page, 'feed');
  if (process.env.NOTIFYCHAIN_DOCS_SCREENSHOT) copyFileSync(join(SHOTS, 'feed.png'), join(root, 'docs/dashboard.png'));
  expect(problems).toEqual([]);
});

test('scrolled down, new events wait behind the "new events" pill and the list does not move', async ({ page }) => {
  await open(page);
  const list = page.getByRole('listbox', { name: /Events/ });
  await expect(page.locator('.feed-row:not(.placeholder)').first()).toBeVisible();
  await list.evaluate((el) => el.scrollTo({ top: 320 }));
  const before = await list.evaluate((el) => [el.scrollTop, document.elementFromPoint(el.getBoundingClientRect().left + 30, el.getBoundingClientRect().top + 48)?.closest('.feed-row')?.getAttribute('data-event-id')]);
  const pill = page.getByRole('button', { name: /new events?$/ });
  await expect(pill).toBeVisible({ timeout: 20_000 });
  const after = await list.evaluate((el) => [el.scrollTop, document.elementFromPoint(el.getBoundingClientRect().left + 30, el.getBoundingClientRect().top + 48)?.closest('.feed-row')?.getAttribute('data-event-id')]);
  expect(after).toEqual(before);
  await pill.click();
  await expect(pill).toBeHidden();
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
});

test('filters narrow the feed, the export holds what the view shows, and a view saved with a name comes back', async ({ page }) => {
  await open(page);
  await page.getByLabel('Category').selectOption('financial');
  await expect.poll(async () => {
    const cats = await page.locator('.feed-row:not(.placeholder) span:nth-child(4)').allTextContents();
    return cats.length > 0 && cats.every((c) => c === 'financial');
  }).toBe(true);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this view' }).click();
  const file = await (await download).path();
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  expect(header).toContain('category');
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => line.includes(',financial,'))).toBe(true);
  await page.getByLabel('Name for this view').fill('money');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Category')).toHaveValue('');
  await page.getByLabel('Open a saved view').selectOption('money');
  await expect(page.getByLabel('Category')).toHaveValue('financial');
});

test('an invalid contract id shows an inline error and changes nothing', async ({ page }) => {
  const before = await contractCount();
  await open(page, '#/contracts');
  const id = page.getByLabel('Contract id');
  await id.fill('CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXF');
  await expect(page.getByRole('alert')).toHaveText(/invalid checksum/);
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Watch contract' })).toBeDisabled();
  await id.press('Enter');
  await id.fill('GCPMWOHJ');
  await expect(page.getByRole('alert')).toHaveText(/account address/);
  await shot(page, 'contracts');
  expect(await contractCount()).toBe(before);
  await expect(page.locator('tr[data-contract-id]')).toHaveCount(before);
});

test('the token is required for writes', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const before = await contractCount();
  await open(page, '#/contracts', false);
  await page.getByLabel('Contract id').fill('CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE');
  await page.getByRole('button', { name: 'Watch contract' }).click();
  await expect(page.getByRole('alert')).toHaveText(/needs the API token/);
  expect(await contractCount()).toBe(before);

  await page.goto(`${serve.dashboardUrl}/#/settings`);
  await expect(page.getByText('This tab has no token')).toBeVisible();
  await page.getByLabel('Paste a token').fill(serve.token);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.goto(`${serve.dashboardUrl}/#/contracts`);
  await page.getByLabel('Contract id').fill('CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE');
  await page.getByLabel('Friendly name').fill('Treasury');
  await page.getByRole('button', { name: 'Watch contract' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Watching Treasury' })).toBeVisible();
  expect(await contractCount()).toBe(before + 1);
  await expect(page.locator('tr[data-contract-id="CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE"]')).toContainText('Treasury');
  await page.context().close();
});

let sink: HttpSink;
test.afterAll(async () => sink?.close());

test('a webhook target made in the dashboard receives the matching events', async ({ page }) => {
  sink = await startHttpSink(ok);
  await open(page, '#/targets');
  await page.getByRole('button', { name: 'New target' }).click();
  await page.getByLabel('Name').fill('high alerts');
  await page.getByLabel('URL').fill(`${sink.url}/hook`);
  await page.getByLabel('Minimum priority').selectOption('high');
  await page.getByLabel('Message template (optional)').fill('{{event_type}} at ledger {{ledger}}');
  await expect(page.getByTestId('template-preview')).toHaveText(/^[a-z_]+ at ledger \d+$/);
  await page.getByLabel('URL').fill('not a url');
  await page.getByRole('button', { name: 'Create target' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'http(s) URL' })).toBeVisible();
  await shot(page, 'target-form');
  await page.getByLabel('URL').fill(`${sink.url}/hook`);
  await page.getByRole('button', { name: 'Create target' }).click();
  const row = page.locator('tr[data-target-id]').filter({ hasText: 'high alerts' });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /Send a test event/ }).click();
  await expect(row.getByRole('status')).toContainText('Delivered');
  await shot(page, 'targets');

  await sink.waitFor(4, 30_000);
  const events = sink.requests.map((r) => (r.json as { data: { event_type: string; priority: string | null } }).data);
  const real = events.filter((e) => e.event_type !== 'notifychain_test');
  expect(real.length).toBeGreaterThan(0);
  expect(real.every((e) => e.priority === 'high' || e.priority === 'critical')).toBe(true);
});

test("a failing sink's deliveries are sent again from the Deliveries page", async ({ page }) => {
  const down = await startHttpSink(failing(500));
  try {
    const target = await api<{ id: number }>('/api/targets', {
      method: 'POST',
      body: JSON.stringify({ name: 'flaky', kind: 'webhook', config: { url: `${down.url}/hook` }, rule: { min_priority: 'critical' } }),
    });
    // Three quick attempts (NOTIFICATION_RETRY_SCHEDULE_MS in the fixture), then dead-lettered.
    await expect.poll(async () => (await api<{ deliveries: unknown[] }>(`/api/deliveries?target_id=${target.id}&status=dead`)).deliveries.length, { timeout: 40_000 }).toBeGreaterThan(0);
    down.respond(ok);
    await open(page, `#/deliveries/${target.id}`);
    const dead = page.locator('tr[data-status="dead"]').first();
    await expect(dead).toBeVisible();
    const deliveryId = await dead.getAttribute('data-delivery-id');
    await dead.getByRole('button', { name: /Attempts of delivery/ }).click();
    await expect(page.getByRole('region', { name: `Delivery ${deliveryId}` }).locator('tbody tr')).toHaveCount(3);
    await shot(page, 'deliveries');
    await dead.getByRole('button', { name: /Send delivery \d+ again/ }).click();
    await expect(page.locator(`tr[data-delivery-id="${deliveryId}"]`)).toHaveAttribute('data-status', 'delivered', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Send all failed again' }).click();
    await expect(page.getByRole('status').filter({ hasText: /queued to be sent again|Nothing to send again/ })).toBeVisible();
    await expect.poll(async () => (await api<{ deliveries: unknown[] }>(`/api/deliveries?target_id=${target.id}&status=dead`)).deliveries.length, { timeout: 30_000 }).toBe(0);
    const ids = new Set(down.requests.map((r) => r.headers['webhook-id']));
    expect(down.requests.filter((r) => r.json && (r.headers['webhook-id'] ?? '') !== '').length).toBeGreaterThan(ids.size - 1);
  } finally {
    await down.close();
  }
});

test('charts render with data', async ({ page }) => {
  const problems = await open(page, '#/charts');
  await expect(page.getByRole('figure', { name: 'Events per minute by contract' }).locator('.recharts-area-area').first()).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Events by priority' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Deliveries per target' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Ingest lag' }).locator('.recharts-line-curve').first()).toBeVisible();
  await page.getByRole('button', { name: '24 hours' }).click();
  await expect(page.getByText(/points every 15 min/)).toBeVisible();
  await shot(page, 'charts');
  expect(problems).toEqual([]);
});

test('every page opens without errors, in the light and the dark theme', async ({ page }) => {
  const problems = await open(page, '#/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await shot(page, 'notifications');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'settings-dark');
  for (const name of ['Feed', 'Charts', 'Contracts', 'Targets', 'Deliveries']) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name }).or(page.getByRole('region', { name: 'Event feed' }))).toBeVisible();
  }
  await shot(page, 'deliveries-dark');
  await page.getByRole('link', { name: 'Feed', exact: true }).click();
  await expect(page.locator('.feed-row:not(.placeholder)').first()).toBeVisible();
  await shot(page, 'feed-dark');
  expect(problems).toEqual([]);
});

test('with nothing watched, one click watches the demo network again', async ({ page }) => {
  const { contracts } = await api<{ contracts: { id: string }[] }>('/api/contracts');
  for (const c of contracts) await fetch(`${serve.apiUrl}/api/contracts/${c.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${serve.token}` } });
  await open(page);
  await page.getByRole('button', { name: 'Watch the demo contracts' }).click();
  await expect(page.locator('.feed-row:not(.placeholder)').first()).toBeVisible();
  expect(await contractCount()).toBe(3);
});

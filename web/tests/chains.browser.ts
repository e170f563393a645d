import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../src/panels/services';
import { CHROMIUM, CHROMIUM_FLAGS, DEV_TRADER_0_KEY, rest, watchConsole } from './harness';
import { freePort, RunningNode, startNode } from './node';

const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', 'test-results');
const SYMBOL = 'GPT-FT-04'; // quoted in USDT: its escrows open on eth-dev
/** A fill's escrow is opened on chain by settlement; seconds on the dev chains, bounded here. */
const ESCROW_WAIT_MS = 60_000;
const RUN_WAIT_MS = 60_000;
/** The deals' dispute window here: long enough to sign in and click Dispute on a loaded machine (the dev default is 10 s). */
const TIMELOCK_S = 600;

describe('terminal in Chromium against a node with dev chains and settlement', () => {
  let dataDir: string;
  let profileDir: string;
  let node: RunningNode;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'tokenta-web-chains-'));
    profileDir = mkdtempSync(join(tmpdir(), 'tokenta-web-chromium-'));
    const [n, ctx] = await Promise.all([
      freePort().then((port) => startNode(dataDir, port, { chains: true, escrowTimelockS: TIMELOCK_S })),
      chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 900 } }),
    ]);
    node = n;
    context = ctx;
    page = context.pages()[0] ?? (await context.newPage());
    watchConsole(page, problems);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await node?.stop();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('a crossing pair opens an escrow that the Escrow panel shows, its buyer disputes it there (and its run is in the Pipeline panel)', async () => {
    await page.goto(`${node.base}/#${SYMBOL}`);
    await expect.poll(() => page.locator('#conn').textContent(), { timeout: 15_000 }).toBe('live');
    await page.locator('[data-panel=escrow]').waitFor();
    await expect.poll(() => page.locator('[data-panel=escrow]').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');

    // The dev seller (account 2) lists capacity; the dev buyer (account 1) deposited USDT on eth-dev at start.
    const ask = await rest(node, node.credentials.seller, 'POST', '/v1/orders',
      { symbol: SYMBOL, side: 'SELL', type: 'LIMIT', price: '12.50', quantity: '2', timeInForce: 'GTC' });
    expect(ask.status).toBe('ACCEPTED');
    const bid = await rest(node, node.credentials.buyer, 'POST', '/v1/orders',
      { symbol: SYMBOL, side: 'BUY', type: 'LIMIT', price: '12.50', quantity: '2', timeInForce: 'IOC' });
    const tradeId: string | undefined = bid.fills?.[0]?.tradeId;
    expect(tradeId, JSON.stringify(bid)).toBeTruthy();
    const escrowId = `ESC-${tradeId}`;

    // Settlement opens the escrow on chain; the panel gets it from the escrows channel or its polling.
    const started = Date.now();
    const row = page.locator('[data-panel=escrow] tbody tr', { hasText: escrowId });
    await row.first().waitFor({ timeout: ESCROW_WAIT_MS });
    const escrowSeenMs = Date.now() - started;
    expect(await row.first().locator('td').nth(1).textContent()).toBe(SYMBOL);
    expect(await row.first().locator('td').nth(2).textContent()).toMatch(/^[0-9,]+\.[0-9]{2}$/);
    console.log(`escrow ${escrowId} shown ${escrowSeenMs} ms after the fill (${await page.locator('[data-panel=escrow] .mode').textContent()})`);

    // The buyer signs in with the dev wallet; the deal is theirs and inside its timelock, so it offers Dispute.
    await page.click('#sign-in-button');
    await page.fill('#sign-in-wallet-key', DEV_TRADER_0_KEY);
    await page.press('#sign-in-wallet-key', 'Enter');
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 10_000 }).toContain('account 1');
    const dispute = page.locator(`[data-panel=escrow] button.dispute[data-escrow="${escrowId}"]`);
    await dispute.waitFor({ timeout: ESCROW_WAIT_MS });
    await dispute.click();
    await expect.poll(() => page.locator('.toast').textContent(), { timeout: 30_000 }).toContain(`Disputed ${escrowId}`);
    // on chain now: asking again answers the recorded dispute (and changes nothing)
    const again = await rest(node, node.credentials.buyer, 'POST', `/v1/escrows/${escrowId}/dispute`, {});
    expect(again.escrowId).toBe(escrowId);
    expect(again.disputedAt, JSON.stringify(again)).toBeGreaterThan(0);
    await expect.poll(() => row.first().locator('td').nth(3).textContent(), { timeout: 30_000 }).toBe('DISPUTED');
    await page.locator('[data-panel=escrow]').screenshot({ path: join(ARTIFACTS, 'chains-escrow-disputed.png') });

    // The Pipeline panel: the run for this deal once the node serves verification runs.
    const pipeline = page.locator('[data-panel=pipeline]');
    await expect.poll(() => pipeline.getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(ready|unavailable)$/);
    if ((await pipeline.getAttribute('data-state')) === 'ready') {
      await page.locator('[data-panel=pipeline] tbody tr', { hasText: escrowId }).first().waitFor({ timeout: RUN_WAIT_MS });
    } else {
      expect(await pipeline.textContent()).toContain('Not available on this node');
      console.log('pipeline: this node does not serve /v1/verifications/runs yet');
    }

    // Verification: the evidence of this deal with the attestors who signed, and its document on click.
    const verification = page.locator('[data-panel=verification]');
    await expect.poll(() => verification.getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(ready|unavailable)$/);
    if ((await verification.getAttribute('data-state')) === 'ready') {
      const evidence = page.locator('[data-panel=verification] tbody tr', { hasText: escrowId }).first();
      await evidence.waitFor({ timeout: RUN_WAIT_MS });
      await evidence.click();
      const doc = page.locator('#evidence-dialog pre.evidence-json');
      await expect.poll(() => doc.textContent(), { timeout: 10_000 }).not.toBe('Loading…');
      expect(await doc.getAttribute('class')).not.toContain('error');
      await page.locator('#evidence-dialog').screenshot({ path: join(ARTIFACTS, 'chains-evidence.png') });
      await page.keyboard.press('Escape');
      expect(await page.locator('#evidence-dialog').count()).toBe(0);
    }

    // RPC Nodes: the dev chains with their upstreams.
    const rpc = page.locator('[data-panel=rpc]');
    await expect.poll(() => rpc.getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(ready|unavailable)$/);
    if ((await rpc.getAttribute('data-state')) === 'ready') {
      await page.locator('[data-panel=rpc] tbody tr', { hasText: '31337' }).first().waitFor({ timeout: 15_000 });
    }

    // Every service panel is live or says it is not available; never an error or a spinner.
    for (const s of SERVICES) {
      await expect.poll(() => page.locator(`[data-panel=${s.id}]`).getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(ready|unavailable)$/);
    }
    for (const id of ['marketplace', 'book', 'trade', 'analytics', 'execlog', ...SERVICES.map((s) => s.id)]) {
      await page.locator(`[data-panel=${id}]`).screenshot({ path: join(ARTIFACTS, `chains-panel-${id}.png`) });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'chains-terminal-1280.png'), fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  }, 240_000);
});

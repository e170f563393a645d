import { existsSync } from 'node:fs';
import type { ConsoleMessage, Page } from 'playwright-core';
import { hmacHeaders } from '../src/hmac';
import { OPTIONAL_PATHS } from '../src/panels/services';
import { Credential, RunningNode } from './node';

export const CHROMIUM = process.env.TOKENTA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Trader wallet 0 of the dev mnemonic: `up` registers it for the dev buyer, account 1. */
export const DEV_TRADER_0_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';

/** An HMAC-signed REST call as a bot would make it (the browser is not involved). */
export async function rest(node: RunningNode, key: Credential, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const q = path.indexOf('?');
  const headers: Record<string, string> = await hmacHeaders(key.keyId, key.secret, method, q < 0 ? path : path.slice(0, q),
    q < 0 ? '' : path.slice(q + 1), text);
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = `browser-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  }
  const res = await fetch(node.base + path, { method, headers, body: method === 'POST' ? text : undefined });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Collects console errors, page errors and failed requests into `problems`, except the 404 of a route a
 * panel reports as "not available on this node" (the node does not run that service).
 */
export function watchConsole(page: Page, problems: string[], ignore: (text: string) => boolean = () => false): string[] {
  const expected404: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    const url = m.location().url ?? '';
    let path = '';
    try {
      path = new URL(url).pathname;
    } catch {
      path = '';
    }
    if (/status of 404/.test(m.text()) && OPTIONAL_PATHS.includes(path)) {
      expected404.push(url);
      return;
    }
    if (ignore(m.text())) return;
    problems.push(`console: ${m.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  return expected404;
}

export const FIREFOX = process.env.TOKENTA_FIREFOX ?? '/usr/bin/firefox-esr';

/** Why the Firefox run cannot happen here (no binary), or null when it can. */
export function firefoxMissing(): string | null {
  return existsSync(FIREFOX) ? null : `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr)`;
}

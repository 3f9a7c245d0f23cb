/**
 * Node-side helpers for browser tests and the web bench: start the real server over a temp store
 * and drive Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian's Chromium lives (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the system Chromium is installed. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'annalist-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens an app route (`#/…`) and waits until the named view has drawn; returns milliseconds taken. */
export async function openView(page: Page, baseUrl: string, hash: string, view: string, timeout = 30000): Promise<number> {
  const t0 = Date.now();
  const url = `${baseUrl.replace(/\/?(\?.*)?$/, '/')}${hash}`;
  if (page.url().startsWith(baseUrl.replace(/\/?(\?.*)?$/, '/')) && page.url() !== 'about:blank') {
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
  } else {
    await page.goto(url);
  }
  await page.waitForSelector(`body[data-ready="${view}"]`, { timeout });
  return Date.now() - t0;
}

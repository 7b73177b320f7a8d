// Debian's Chromium, driven by playwright-core (no browser download: `npx playwright install`
// is never needed). Each launch gets a fresh user-data-dir, removed on close.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = 'apt-get update && apt-get install -y chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with: ${CHROMIUM_INSTALL_HINT}`);
  const userDataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'postpress-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
    return {
      context,
      close: async () => {
        await context.close();
        await fsp.rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await fsp.rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

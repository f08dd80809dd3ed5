/**
 * Debian's Chromium driven by playwright-core, set up for WebRTC against the
 * local stack (shared/reference/sip-stack.md "Chromium flags", platform.md).
 * Run it inside e2e/run.sh's network namespace: there the only interface is
 * lo, so ICE only ever sees 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { ensureTestAudio } from '../../stack/audio';

/** /usr/bin/chromium is a shell wrapper that playwright cannot drive; use the real binary. */
export const CHROMIUM_EXECUTABLE = process.env.HEARTHLINE_CHROMIUM ?? '/usr/lib/chromium/chromium';

export interface ChromiumOptions {
  /**
   * WAV played as every page's microphone (Chromium loops it). Default: the
   * generated 1 kHz tone (48 kHz mono) from stack/audio.ts.
   */
  fakeMicWav?: string;
  /** Default true. Headed needs a display (xvfb-run). */
  headless?: boolean;
  /** Appended to the standard flags. */
  extraArgs?: readonly string[];
  executablePath?: string;
}

/** The command-line flags used for every test browser. */
export function chromiumArgs(fakeMicWav: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // Fake, auto-approved media devices; the mic plays a WAV file.
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${fakeMicWav}`,
    // Without it Chromium gathers no candidates on lo and calls never connect.
    '--allow-loopback-in-peer-connection',
    // Host candidates as plain 127.0.0.1, not mDNS names rtpengine cannot resolve.
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    // Remote audio must play (and feed WebAudio) without a user gesture.
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/**
 * Launches Chromium with the WebRTC test flags. One browser per test file is
 * plenty (2 cores): give each phone its own context with newPhoneContext().
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const fakeMicWav = options.fakeMicWav ?? (await ensureTestAudio()).agentTone;
  // Chromium otherwise writes crash-report settings and dconf state into ~/.config and ~/.cache.
  const home = mkdtempSync(join(tmpdir(), 'hearthline-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: options.executablePath ?? CHROMIUM_EXECUTABLE,
      headless: options.headless ?? true,
      args: [...chromiumArgs(fakeMicWav), ...(options.extraArgs ?? [])],
      env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    });
    browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

export interface PhoneContextOptions {
  /** Origin the page will be served from; microphone permission is granted to it. */
  origin?: string;
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
}

/**
 * A fresh, isolated context (own cookies, storage, permissions) for one phone
 * or one instance of the app, with the microphone permission granted.
 */
export async function newPhoneContext(browser: Browser, options: PhoneContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  await context.grantPermissions(['microphone'], options.origin ? { origin: options.origin } : undefined);
  return context;
}

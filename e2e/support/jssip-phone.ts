/**
 * A JsSIP softphone in a Chromium page, for checking the stack (and as a
 * second agent / transfer target in app tests). The page script
 * (jssip-page/page.ts) is bundled with JsSIP by esbuild at run time and
 * served from 127.0.0.1 by PhonePageServer.
 *
 *   const server = await PhonePageServer.start();
 *   const phone = await JsSipPhone.open(await newPhoneContext(browser), server);
 *   await phone.register({ wsUrl: stack.wsUrl, uri: stack.uri('1001'), password: stack.password('1001') });
 */
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import type { Baresip } from '../../stack/baresip';
import { EventLog, preciseNow, type WaitForOptions } from '../../stack/events';
import type { AudioLevel, PhoneEvent, RegisterOptions, RegisterResult } from './jssip-page/protocol';

export type { AudioLevel, PhoneEvent, RegisterOptions, RegisterResult } from './jssip-page/protocol';

const PAGE_ENTRY = fileURLToPath(new URL('./jssip-page/page.ts', import.meta.url));

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Hearthline e2e JsSIP phone</title></head>
<body><script src="/phone.js"></script></body></html>`;

/** Serves the phone page and its bundle on http://127.0.0.1:<random port>/. */
export class PhonePageServer {
  private constructor(
    private readonly server: Server,
    /** e.g. http://127.0.0.1:41234 */
    readonly origin: string,
  ) {}

  /** Bundles page.ts + JsSIP (esbuild, ~0.3 s) and starts serving. */
  static async start(): Promise<PhonePageServer> {
    // Bundled in memory: nothing is written to disk.
    const { outputFiles } = await build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      outfile: 'phone.js',
      write: false,
      logLevel: 'warning',
    });
    const bundle = outputFiles[0]?.contents;
    if (!bundle) throw new Error('esbuild produced no bundle for the JsSIP phone page');
    const server = createServer((request, response) => {
      if (request.url === '/phone.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else if (request.url === '/' || request.url?.startsWith('/?')) {
        response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE_HTML);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new PhonePageServer(server, `http://127.0.0.1:${port}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** timeoutMs (default 10 s), since, predicate, signal (see stack/events.ts) and sessionId. */
export interface WaitForPhoneEventOptions extends WaitForOptions<PhoneEvent> {
  /** Only events of this session. */
  sessionId?: string;
}

/** Node-side driver of one JsSIP phone page. */
export class JsSipPhone {
  private readonly log = new EventLog<PhoneEvent>('JsSIP phone');

  private constructor(readonly page: Page) {}

  /** Opens the phone page in `context` (one phone per context). */
  static async open(context: BrowserContext, server: PhonePageServer): Promise<JsSipPhone> {
    const page = await context.newPage();
    const phone = new JsSipPhone(page);
    await page.exposeFunction('__phoneEvent', (event: PhoneEvent) => phone.log.record(event));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => typeof window.testPhone === 'object');
    return phone;
  }

  /** Forgets all received events (pending waits keep waiting). */
  clearEvents(): void {
    this.log.clear();
  }

  /** Every event the page reported, oldest first. */
  get events(): readonly PhoneEvent[] {
    return this.log.events;
  }

  /**
   * Resolves with the oldest not-yet-consumed event of `type` (same semantics
   * as Baresip.waitFor), waiting for it if needed.
   */
  waitForEvent(type: string, options: WaitForPhoneEventOptions = {}): Promise<PhoneEvent> {
    const { sessionId, predicate } = options;
    return this.log.waitFor(type, {
      ...options,
      predicate: (event) => (sessionId === undefined || event.sessionId === sessionId) && (predicate?.(event) ?? true),
    });
  }

  /** Starts the UA and resolves with the outcome of the first REGISTER. */
  register(options: RegisterOptions): Promise<RegisterResult> {
    return this.page.evaluate((opts) => window.testPhone.register(opts), options);
  }

  /** Un-REGISTERs and closes the WebSocket. */
  unregisterAndStop(): Promise<void> {
    return this.page.evaluate(() => window.testPhone.unregisterAndStop());
  }

  /** Calls `target` (SIP URI); returns the session id. */
  call(target: string): Promise<string> {
    return this.page.evaluate((uri) => window.testPhone.call(uri), target);
  }

  /** `customer` dials `extension` (this page's user); the page answers; resolves once the customer has the call. */
  async answerCallFrom(customer: Baresip, extension: string): Promise<void> {
    const since = preciseNow();
    await customer.dial(extension);
    const { sessionId } = await this.waitForEvent('newSession', { since });
    await this.answer(sessionId);
    await customer.waitFor('CALL_ESTABLISHED', { since });
  }

  answer(sessionId?: string): Promise<void> {
    return this.page.evaluate((id) => window.testPhone.answer(id), sessionId);
  }

  hangup(sessionId?: string): Promise<void> {
    return this.page.evaluate((id) => window.testPhone.hangup(id), sessionId);
  }

  /** Puts the call on hold; resolves when the re-INVITE got its 2xx. */
  hold(sessionId?: string): Promise<void> {
    return this.page.evaluate((id) => window.testPhone.hold(id), sessionId);
  }

  /** Takes the call off hold; resolves when the re-INVITE got its 2xx. */
  unhold(sessionId?: string): Promise<void> {
    return this.page.evaluate((id) => window.testPhone.unhold(id), sessionId);
  }

  /** DTMF as RFC 4733 events in the media ('RFC2833') or as SIP INFO. */
  sendDtmf(tones: string, method: 'RFC2833' | 'INFO' = 'RFC2833', sessionId?: string): Promise<void> {
    return this.page.evaluate(([t, m, id]) => window.testPhone.sendDtmf(t, m, id), [tones, method, sessionId] as const);
  }

  /** Blind transfer of `sessionId` (default: current) to `target`; attended when replacesSessionId is given. */
  refer(target: string, sessionId?: string, replacesSessionId?: string): Promise<void> {
    return this.page.evaluate(([t, id, replaces]) => window.testPhone.refer(t, id, replaces), [target, sessionId, replacesSessionId] as const);
  }

  /** Ids of the page's live sessions. */
  sessionIds(): Promise<string[]> {
    return this.page.evaluate(() => window.testPhone.sessionIds());
  }

  /** Terminates every live session (test clean-up); ignores sessions that end meanwhile. */
  async hangupAll(): Promise<void> {
    for (const id of await this.sessionIds()) await this.hangup(id).catch(() => undefined);
  }

  setAutoAnswer(enabled: boolean): Promise<void> {
    return this.page.evaluate((on) => window.testPhone.setAutoAnswer(on), enabled);
  }

  /** Highest RMS and dominant frequency of the remote audio over `windowMs`. */
  remoteAudioLevel(windowMs = 500): Promise<AudioLevel> {
    return this.page.evaluate((ms) => window.testPhone.remoteAudioLevel(ms), windowMs);
  }

  /**
   * Measures the remote audio in short windows until it is audible ('sound')
   * or quiet ('silence'), e.g. after hold: buffered audio keeps playing for a
   * moment after the re-INVITE completed. Rejects after `timeoutMs`.
   */
  async waitForRemoteAudio(
    expected: 'sound' | 'silence',
    options: { timeoutMs?: number; windowMs?: number; threshold?: number } = {},
  ): Promise<AudioLevel> {
    const threshold = options.threshold ?? 0.01;
    const deadline = Date.now() + (options.timeoutMs ?? 3000);
    for (;;) {
      const level = await this.remoteAudioLevel(options.windowMs ?? 100);
      if (expected === 'sound' ? level.rms > threshold : level.rms < threshold) return level;
      if (Date.now() > deadline) {
        throw new Error(`JsSIP phone: remote audio not ${expected} within ${options.timeoutMs ?? 3000} ms (rms ${level.rms})`);
      }
    }
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

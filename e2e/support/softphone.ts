/**
 * Helpers for the softphone e2e tests: find a call card in the UI, read the call engine's own view of
 * its calls (getStats, received DTMF, SIP trace, ringer), and wait for things the agent would notice.
 */
import type { Locator, Page } from 'playwright-core';
import type { HeadlessApp } from './hearthline';
import type { SipTraceEntry } from '../../renderer/engine/calls/sipSocket';

export type { SipTraceEntry };

export interface EngineCall {
  callId: string;
  state: string;
  bytesReceived: number;
  bytesSent: number;
  packetsReceived: number;
  inboundLevel: number | null;
  dtmfReceived: string;
  answeredAt?: number;
  firstAudioAt?: number;
  iceState?: string;
  localPort?: number;
  conference: boolean;
  recovering: boolean;
}


export interface RingerState {
  mode: 'off' | 'ring' | 'waiting';
  contextState: string;
  peakLevel: number;
  rings: number;
}

interface EngineDebug {
  calls: () => Promise<EngineCall[]>;
  ringer: () => RingerState;
  sipTrace: () => SipTraceEntry[];
  signallingReady: () => boolean;
  reRegister: () => void;
}

const pages = new WeakMap<HeadlessApp, { launches: number; page: Page }>();

/** The engine page of an app, reconnected only after the engine was relaunched. */
export async function enginePage(app: HeadlessApp): Promise<Page> {
  const cached = pages.get(app);
  if (cached && cached.launches === app.engineLaunchCount && !cached.page.isClosed()) return cached.page;
  const page = await app.engine();
  pages.set(app, { launches: app.engineLaunchCount, page });
  return page;
}

export async function engineCalls(app: HeadlessApp): Promise<EngineCall[]> {
  const page = await enginePage(app);
  return page.evaluate(() => (window as unknown as { hearthlineEngineDebug: EngineDebug }).hearthlineEngineDebug.calls());
}

export async function ringerState(app: HeadlessApp): Promise<RingerState> {
  const page = await enginePage(app);
  return page.evaluate(() => (window as unknown as { hearthlineEngineDebug: EngineDebug }).hearthlineEngineDebug.ringer());
}

export async function sipTrace(app: HeadlessApp): Promise<SipTraceEntry[]> {
  const page = await enginePage(app);
  return page.evaluate(() => (window as unknown as { hearthlineEngineDebug: EngineDebug }).hearthlineEngineDebug.sipTrace());
}

export async function reRegister(app: HeadlessApp): Promise<void> {
  const page = await enginePage(app);
  await page.evaluate(() => (window as unknown as { hearthlineEngineDebug: EngineDebug }).hearthlineEngineDebug.reRegister());
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `accept` says yes; the error names the last value seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

/** Waits until the engine's call `callId` (or its only call) receives audio: bytes and a non-zero level, and growing. */
export async function waitForInboundAudio(app: HeadlessApp, callId?: string): Promise<EngineCall> {
  const pick = (calls: EngineCall[]) => (callId ? calls.find((call) => call.callId === callId) : calls.find((call) => call.state === 'connected'));
  const first = await eventually(
    async () => pick(await engineCalls(app)),
    (call) => call !== undefined && call.bytesReceived > 1000 && (call.inboundLevel ?? 0) > 0.001,
    'inbound audio',
  );
  return eventually(
    async () => pick(await engineCalls(app)),
    (call) => call !== undefined && call.bytesReceived > first!.bytesReceived,
    'inbound audio still flowing',
  ) as Promise<EngineCall>;
}

/** Call cards in the agent's UI. */
export const card = {
  /** The card of the live call with this remote party in `state`. */
  of: (app: HeadlessApp, remote: string, state: 'ringing' | 'dialing' | 'connected'): Locator =>
    app.ui.locator(`[data-testid="call-card"][data-remote="${remote}"][data-call-state="${state}"]`),
  byId: (app: HeadlessApp, callId: string): Locator => app.ui.locator(`[data-testid="call-card"][data-call-id="${callId}"]`),
};

/** The id of the live call card with this remote party (waits for it). */
export async function liveCallId(app: HeadlessApp, remote: string, state: 'ringing' | 'dialing' | 'connected' = 'connected'): Promise<string> {
  const locator = card.of(app, remote, state);
  await locator.waitFor({ timeout: 10_000 });
  const id = await locator.getAttribute('data-call-id');
  if (!id) throw new Error(`call card for ${remote} has no id`);
  return id;
}

export const presence = (app: HeadlessApp): Locator => app.ui.getByTestId('presence');

/** Ends after-call work with the agent's "Done with wrap-up" button if it is showing, then waits for Ready. */
export async function finishWrapUp(app: HeadlessApp): Promise<void> {
  const done = app.ui.getByTestId('end-wrapup');
  await done.waitFor({ timeout: 5_000 });
  await done.click();
  await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 5_000 });
}

/** Types a number on the dial pad and presses Call. */
export async function dialFromPad(app: HeadlessApp, number: string): Promise<void> {
  await app.ui.getByTestId('dial-input').fill(number);
  await app.ui.getByTestId('dial-button').click();
}

/** Asserts that an ended call card stands still: its timers read the same two seconds later. */
export async function assertCardStopped(cardLocator: Locator, what: string): Promise<void> {
  const before = await cardLocator.innerText();
  await sleep(2_100);
  const later = await cardLocator.innerText();
  if (before !== later) throw new Error(`${what}: the ended call card kept counting (${JSON.stringify(before)} → ${JSON.stringify(later)})`);
}

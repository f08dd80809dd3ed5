/**
 * Call set-up speed of the real app against the real local stack, with baresip's own figures from the
 * same run beside it. Prints markdown tables (p50/p95); nothing is asserted.
 *
 *   npm run bench            (all e2e/bench/*.bench.ts, inside e2e/run.sh's network namespace)
 *
 * What is measured (one clock: every process runs on this machine and stamps epoch milliseconds):
 *  - INVITE leaves baresip → ringing shown in the agent's UI (DOM change, then the next animation frame)
 *    (and, as a breakdown, → the INVITE arriving on the engine's WebSocket);
 *  - the agent clicks Answer (500 ms after the call shows, a quick human) → first inbound RTP packet in
 *    the engine (getSynchronizationSources);
 *  - REGISTER round trip of the engine (JsSIP always gets a 401 first: REGISTER → 401 → REGISTER → 200);
 *  - baresip: dial → INVITE at the callee (CALL_NEW), answer → first RTP at the callee (CALL_RTPESTAB),
 *    dial → CALL_ESTABLISHED, and REGISTERING → REGISTER_OK of a fresh user agent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../stack/audio';
import { LocalStack, preciseNow } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { card, engineCalls, enginePage, eventually, presence, reRegister, sipTrace, sleep } from '../support/softphone';
import { percentile } from './percentile';

const CALLS = Number(process.env.HEARTHLINE_BENCH_CALLS ?? 20);
const REGISTERS = 20;
/** How long the agent takes to click Answer once the call shows (the engine opens the microphone meanwhile). */
const AGENT_REACTION_MS = 500;

interface UiMarks {
  /** When the ringing card was painted (the animation frame after it entered the DOM). */
  ringing: Record<string, number>;
  /** When the ringing card entered the DOM. */
  inDom: Record<string, number>;
  /** When the UI received the first snapshot showing the call ringing. */
  snapshot: Record<string, number>;
  answerClickAt?: number;
}

/**
 * Stamps, in the UI page, when each ringing card is on screen and when the Answer button is pressed.
 * Passed as source text: tsx would otherwise wrap the named helpers in a __name() the page lacks.
 */
async function instrumentUi(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const marks = { ringing: {}, inDom: {}, snapshot: {} };
    window.hearthline.on('app.snapshot', (snapshot) => {
      for (const call of snapshot.calls) if (call.state === 'ringing' && !(call.id in marks.snapshot)) marks.snapshot[call.id] = now();
    });
    window.__marks = marks;
    const now = () => performance.timeOrigin + performance.now();
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('[data-testid="call-card"][data-call-state="ringing"]')) {
        const id = element.dataset.callId;
        if (!id || id in marks.ringing) continue;
        marks.ringing[id] = 0;
        marks.inDom[id] = now();
        requestAnimationFrame(() => { marks.ringing[id] = now(); });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-call-state'] });
    document.addEventListener('pointerdown', (event) => {
      if (event.target && event.target.closest && event.target.closest('[data-testid="answer"]')) marks.answerClickAt = now();
    }, true);
  })()`);
}

const uiMarks = (page: Page) => page.evaluate(() => (window as unknown as { __marks: UiMarks }).__marks);

/** React's development build (npm run build) renders the ringing card ~50 ms later than the production one. */
function uiBuildMode(): string {
  const bundle = readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'ui.js'), 'utf8');
  return bundle.includes('react-dom.development')
    ? 'development build (React dev mode; for shipped figures run NODE_ENV=production npm run build && bash e2e/run.sh bench)'
    : 'production build';
}

/** When main logged the incoming-call alert for this call (pino time, ms). */
function alertTime(app: HeadlessApp, callId: string): number {
  for (const line of readFileSync(app.logFile, 'utf8').split('\n')) {
    if (!line.includes('"incomingCall"') || !line.includes(callId)) continue;
    try {
      return (JSON.parse(line) as { time: number }).time;
    } catch {
      return Number.NaN;
    }
  }
  return Number.NaN;
}

const rows: Array<{ group: string; metric: string; values: number[] }> = [];
function record(group: string, metric: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) return;
  let row = rows.find((candidate) => candidate.group === group && candidate.metric === metric);
  if (!row) {
    row = { group, metric, values: [] };
    rows.push(row);
  }
  row.values.push(value);
}

function printTables(): void {
  const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
  for (const group of [...new Set(rows.map((row) => row.group))]) {
    console.log(`\n### ${group}\n`);
    console.log('| metric | n | p50 (ms) | p95 (ms) | min | max |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows.filter((candidate) => candidate.group === group)) {
      const { values } = row;
      console.log(`| ${row.metric} | ${values.length} | ${fmt(percentile(values, 50))} | ${fmt(percentile(values, 95))} | ${fmt(Math.min(...values))} | ${fmt(Math.max(...values))} |`);
    }
  }
}

async function inboundCalls(stack: LocalStack, app: HeadlessApp): Promise<void> {
  const customer = stack.phone('1002');
  for (let i = 0; i < CALLS; i += 1) {
    const sentAt = preciseNow();
    await customer.dial('1001');
    const ringingCard = app.ui.locator('[data-testid="call-card"][data-call-state="ringing"]');
    await ringingCard.waitFor({ timeout: 10_000 });
    const callId = (await ringingCard.getAttribute('data-call-id')) ?? '';
    const marks = await eventually(() => uiMarks(app.ui), (value) => (value.ringing[callId] ?? 0) > 0, 'ringing painted', 5_000);
    // An agent answers after hearing at least one ring, not 30 ms after the card appears.
    await sleep(AGENT_REACTION_MS);
    await ringingCard.getByTestId('answer').click();
    const engine = await eventually(
      async () => (await engineCalls(app)).find((call) => call.callId === callId),
      (call) => call?.firstAudioAt !== undefined,
      'first audio packet',
    );
    const afterAnswer = await uiMarks(app.ui);
    const invites = (await sipTrace(app)).filter((entry) => entry.dir === 'in' && entry.method === 'INVITE' && !entry.inDialog && entry.at >= sentAt);
    // The first call of a fresh engine pays for warming up (getUserMedia, codecs): reported apart.
    const group = i === 0 ? 'Hearthline, first call after start (n=1)' : 'Hearthline (agent app: UI + engine over Kamailio/rtpengine)';
    record(group, 'baresip dial → INVITE on the engine’s WebSocket', invites[0] ? invites[0].at - sentAt : undefined);
    record(group, 'baresip dial → main raises the OS alert (host log, 1 ms resolution)', alertTime(app, callId) - sentAt);
    record(group, 'baresip dial → snapshot with the ringing call reaches the UI', (marks.snapshot[callId] ?? Number.NaN) - sentAt);
    record(group, 'baresip dial → ringing card in the UI’s DOM', (marks.inDom[callId] ?? Number.NaN) - sentAt);
    record(group, 'baresip dial → ringing shown in the UI', (marks.ringing[callId] ?? Number.NaN) - sentAt);
    record(group, 'Answer click → engine answers (UI → main → engine)', (engine?.answeredAt ?? Number.NaN) - (afterAnswer.answerClickAt ?? Number.NaN));
    record(group, 'Answer click → first inbound RTP packet', (engine?.firstAudioAt ?? Number.NaN) - (afterAnswer.answerClickAt ?? Number.NaN));
    const since = preciseNow();
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', { since });
    await card.byId(app, callId).and(app.ui.locator('[data-call-state="ended"]')).waitFor({ timeout: 5_000 });
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 5_000 });
    await sleep(100);
  }
}

async function baresipCalls(stack: LocalStack): Promise<void> {
  const caller = stack.phone('1002');
  const callee = stack.phone('1004');
  // Auto-answer: dial → established, the whole set-up as baresip sees it.
  for (let i = 0; i < CALLS; i += 1) {
    const sentAt = preciseNow();
    await caller.dial('1004');
    const arrived = await callee.waitForIncomingCall({ since: sentAt });
    const established = await caller.waitFor('CALL_ESTABLISHED', { since: sentAt });
    record('baresip → baresip (same stack, same run)', 'dial → INVITE at the callee (CALL_NEW)', arrived.at - sentAt);
    record('baresip → baresip (same stack, same run)', 'dial → CALL_ESTABLISHED (callee auto-answers)', established.at - sentAt);
    await caller.hangupAll();
    await callee.waitFor('CALL_CLOSED', { since: sentAt });
    await sleep(50);
  }
  // Manual answer: answer → the first RTP packet at the callee, the counterpart of the agent's figure.
  await callee.setAnswerMode('manual');
  try {
    for (let i = 0; i < CALLS; i += 1) {
      const sentAt = preciseNow();
      await caller.dial('1004');
      await callee.waitForIncomingCall({ since: sentAt });
      const answeredAt = preciseNow();
      await callee.answer();
      const rtp = await callee.waitFor('CALL_RTPESTAB', { since: answeredAt });
      record('baresip → baresip (same stack, same run)', 'answer → first inbound RTP packet (CALL_RTPESTAB)', rtp.at - answeredAt);
      await caller.hangupAll();
      await callee.waitFor('CALL_CLOSED', { since: sentAt });
      await sleep(50);
    }
  } finally {
    await callee.setAnswerMode('auto');
  }
}

async function registrations(stack: LocalStack, app: HeadlessApp): Promise<void> {
  await enginePage(app);
  for (let i = 0; i < REGISTERS; i += 1) {
    const since = preciseNow();
    await reRegister(app);
    const done = await eventually(
      async () => (await sipTrace(app)).filter((entry) => entry.at >= since && entry.cseq?.endsWith('REGISTER')),
      (entries) => entries.some((entry) => entry.dir === 'in' && entry.status === 200),
      'REGISTER 200',
      5_000,
    );
    const first = done.find((entry) => entry.dir === 'out');
    const ok = done.find((entry) => entry.dir === 'in' && entry.status === 200);
    const challenge = done.find((entry) => entry.dir === 'in' && entry.status === 401);
    const retry = done.filter((entry) => entry.dir === 'out')[1];
    const group = 'REGISTER round trips';
    if (first && ok) record(group, 'Hearthline engine: REGISTER → 401 → REGISTER → 200 OK', ok.at - first.at);
    if (first && challenge) record(group, 'Hearthline engine: one round trip (REGISTER → 401)', challenge.at - first.at);
    if (retry && ok) record(group, 'Hearthline engine: one round trip (REGISTER → 200)', ok.at - retry.at);
    await sleep(50);
  }
  const phone = stack.phone('1002');
  const account = `<sip:1005@${stack.domain};transport=udp>;auth_user=1005;auth_pass=${stack.password('1005')};outbound="sip:127.0.0.1:${stack.ports.sip};transport=udp";regint=600`;
  for (let i = 0; i < REGISTERS; i += 1) {
    const since = preciseNow();
    await phone.command('uanew', account);
    const sending = await phone.waitFor('REGISTERING', { since, predicate: (event) => event.accountaor?.includes('1005') ?? false });
    const ok = await phone.waitFor('REGISTER_OK', { since, predicate: (event) => event.accountaor?.includes('1005') ?? false });
    record('REGISTER round trips', 'baresip, new user agent: REGISTERING → REGISTER_OK (401 + 200)', ok.at - sending.at);
    await phone.command('uadel', `sip:1005@${stack.domain}`);
    await sleep(50);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const stack = new LocalStack({ phones: ['1002', '1004'] });
  await stack.start();
  let app: HeadlessApp | undefined;
  try {
    app = await HeadlessApp.start({
      name: 'bench-1001',
      runDir: join(stack.runDir, 'apps'),
      fakeMicWav: stack.audio.agentTone,
      config: {
        sip: { wsUri: stack.wsUrl, sipUri: stack.uri('1001'), password: stack.password('1001'), displayName: 'Bench (1001)' },
        wrapUpSeconds: 0,
        alertTimeoutSeconds: 60,
      },
    });
    await presence(app).filter({ hasText: /^Ready$/ }).waitFor({ timeout: 20_000 });
    await instrumentUi(app.ui);
    await inboundCalls(stack, app);
    await baresipCalls(stack);
    await registrations(stack, app);
    console.log(`\n## Call set-up benchmark (${CALLS} calls each, ${REGISTERS} registrations; loopback, ${new Date().toISOString()})`);
    console.log(`\nUI bundle: ${uiBuildMode()}`);
    printTables();
    console.log(`\n(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await app?.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

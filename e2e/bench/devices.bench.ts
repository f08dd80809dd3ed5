/**
 * Device switching on a live call through the real app and stack (Chromium's fake devices):
 *  - the call's microphone goes away (its track ends, as when a USB headset is pulled out) → the call
 *    sends the fallback microphone (target: within 1 s);
 *  - the device comes back (devicechange) → the call sends the preferred microphone again;
 *  - the agent picks another microphone in the UI → the call sends it (UI → main → engine → replaceTrack);
 *  - peer in the same run: a bare getUserMedia of the same device in the engine page (the floor any
 *    switch pays to open a device).
 * Each figure is measured in one page's clock (no cross-process clock mixing except the UI switch,
 * where both pages stamp epoch ms on this one machine). Prints a markdown table; nothing is asserted.
 *
 *   bash e2e/run.sh bench e2e/bench/devices.bench.ts     HEARTHLINE_BENCH_RUNS=20 (default)
 */
import type { Page } from 'playwright-core';
import { LocalStack } from '../../stack/stack';
import { HeadlessApp } from '../support/hearthline';
import { percentile } from './percentile';

const RUNS = Number(process.env.HEARTHLINE_BENCH_RUNS ?? 20);

/** Runs in the engine page: does `act`, then polls every 2 ms until the call's microphone label satisfies `done`. */
const TIMED = `async (act, wanted, notWanted) => {
  const debug = window.hearthlineEngineDebug;
  const start = performance.now();
  act();
  for (;;) {
    const label = debug.microphones()[0];
    if ((wanted && label === wanted) || (notWanted && label && label !== notWanted)) return performance.now() - start;
    if (performance.now() - start > 10000) throw new Error('no switch within 10 s: ' + label);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}`;

async function timed(engine: Page, act: string, wanted: string | null, notWanted: string | null): Promise<number> {
  return engine.evaluate(`(${TIMED})(() => { ${act} }, ${JSON.stringify(wanted)}, ${JSON.stringify(notWanted)})`) as Promise<number>;
}

async function main(): Promise<void> {
  const stack = new LocalStack();
  await stack.start();
  const rows: Record<string, number[]> = { fallback: [], restore: [], uiSwitch: [], getUserMedia: [] };
  let app: HeadlessApp | undefined;
  try {
    app = await HeadlessApp.startAgent(stack, { config: { wrapUpSeconds: 0 } });
    const ui = app.ui;
    const view = (await ui.evaluate('window.hearthline.invoke("devices.view", {})')) as { inputs: Array<{ deviceId: string; label: string; groupId: string }> };
    const input = (label: string) => {
      const device = view.inputs.find((candidate) => candidate.label === label);
      if (!device) throw new Error(`${label} missing`);
      return { mode: 'device', deviceId: device.deviceId, label: device.label, groupId: device.groupId };
    };
    const choose = (label: string) => ui.evaluate(`window.hearthline.invoke("devices.choose", ${JSON.stringify({ role: 'input', choice: input(label) })})`);
    await choose('Fake Audio Input 2');
    await app.answerCallFrom(stack.phone('1002'), '1001');
    const engine = await app.engine();
    const exactId = (await engine.evaluate('navigator.mediaDevices.enumerateDevices().then((l) => l.find((d) => d.label === "Fake Audio Input 2").deviceId)')) as string;

    for (let i = 0; i < RUNS; i += 1) {
      rows.fallback!.push(await timed(engine, 'window.hearthlineEngineDebug.microphoneTracks()[0].dispatchEvent(new Event("ended"))', null, 'Fake Audio Input 2'));
      rows.restore!.push(await timed(engine, 'navigator.mediaDevices.dispatchEvent(new Event("devicechange"))', 'Fake Audio Input 2', null));
      const label = i % 2 === 0 ? 'Fake Audio Input 1' : 'Fake Audio Input 2';
      const sentAt = (await ui.evaluate('performance.timeOrigin + performance.now()')) as number;
      await choose(label);
      await timed(engine, '', label, null);
      rows.uiSwitch!.push(((await engine.evaluate('performance.timeOrigin + performance.now()')) as number) - sentAt);
      if (label === 'Fake Audio Input 1') await choose('Fake Audio Input 2');
      await timed(engine, '', 'Fake Audio Input 2', null);
      rows.getUserMedia!.push(
        (await engine.evaluate(`(async () => {
          const start = performance.now();
          const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: ${JSON.stringify(exactId)} } } });
          const took = performance.now() - start;
          stream.getTracks().forEach((track) => track.stop());
          return took;
        })()`)) as number,
      );
    }
  } finally {
    await app?.stop();
    await stack.stop();
  }
  const fmt = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
  const row = (label: string, values: number[]) => `| ${label} | ${values.length} | ${fmt(percentile(values, 50))} | ${fmt(percentile(values, 95))} | ${fmt(Math.max(...values))} |`;
  console.log('\n### Microphone switching on a live call (ms)\n');
  console.log('| what | n | p50 | p95 | max |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(row('microphone track ends (headset pulled) → call sends the fallback microphone', rows.fallback!));
  console.log(row('device back (devicechange) → call sends the preferred microphone again', rows.restore!));
  console.log(row('agent picks another microphone in the UI → call sends it (UI → main → engine)', rows.uiSwitch!));
  console.log(row('peer: bare getUserMedia of the same device in the engine page', rows.getUserMedia!));
  console.log('\nTarget: fallback within 1 s, by replaceTrack (no re-INVITE).');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// The engine restart back-off resets after a stable run: five crashes early in a shift must not make
// every later relaunch wait the maximum.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app/createApp';
import { defaultConfig } from '../config/appConfig';
import { silentLogger } from '../log/logger';
import type { EngineHost } from './engineHost';

class CrashingHost implements EngineHost {
  launches = 0;
  private gone: ((reason: string) => void) | undefined;
  private launched: (() => void) | undefined;
  async launch() {
    this.launches += 1;
    this.launched?.();
  }
  async dispose() {}
  onGone(listener: (reason: string) => void) {
    this.gone = listener;
  }
  crash() {
    this.gone?.('renderer crashed');
  }
  nextLaunch(): Promise<void> {
    return new Promise((resolve) => (this.launched = resolve));
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('engine restart back-off', () => {
  it('after an hour up, a crash relaunches at the first step again, not at the step five early crashes reached', async () => {
    let clock = 0;
    // The supervisor's timers are unref'd (hosts decide when to exit); keep the test's event loop alive.
    const keepAlive = setInterval(() => undefined, 1_000);
    const host = new CrashingHost();
    const app = createApp({
      log: silentLogger(),
      engineHost: host,
      config: { config: defaultConfig() },
      supervisorOptions: { baseDelayMs: 20, maxDelayMs: 60_000, stableAfterMs: 60_000, clock: () => clock },
    });
    await app.start();
    const upThenCrash = async (upForMs: number) => {
      const detach = app.hub.attach('engine', () => undefined);
      app.engine.hello();
      clock += upForMs;
      const relaunched = host.nextLaunch();
      detach();
      host.crash();
      await relaunched;
    };
    // Five crashes seconds apart early in the shift: 20, 40, 80, 160, 320 ms.
    for (let i = 0; i < 5; i += 1) await upThenCrash(2_000);
    assert.equal(host.launches, 6);
    // Then an hour of calls, and one more crash: without the reset this relaunch would wait 640 ms.
    const detach = app.hub.attach('engine', () => undefined);
    app.engine.hello();
    clock += 3600_000;
    detach();
    host.crash();
    await tick(300);
    assert.equal(host.launches, 7, 'relaunched at the first back-off step');
    await app.dispose();
    clearInterval(keepAlive);
  });
});

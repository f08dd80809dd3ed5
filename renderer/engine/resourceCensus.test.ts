import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installCensusIfAsked } from './resourceCensus';

/** A page's own EventTarget class, so wrapping its prototype does not touch Node's. */
class PageTarget extends EventTarget {}

class FakeSocket extends EventTarget {
  close(): void {
    this.dispatchEvent(new Event('close'));
  }
}

/** Stands in for Web Audio's context: running once created, suspended and closed on request. */
class FakeAudioContext {
  state: 'running' | 'suspended' | 'closed' = 'running';
  async suspend(): Promise<void> {
    this.state = 'suspended';
  }
  async resume(): Promise<void> {
    this.state = 'running';
  }
  async close(): Promise<void> {
    this.state = 'closed';
  }
}

function fakeWindow() {
  const win = Object.assign(new PageTarget(), {
    EventTarget: PageTarget,
    WebSocket: FakeSocket,
    AudioContext: FakeAudioContext,
    document: new PageTarget(),
    navigator: { mediaDevices: new PageTarget() },
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
  });
  return win as unknown as Window & typeof globalThis;
}

describe('the engine resource census', () => {
  it('is not installed unless the page is opened with ?census: timers, listeners and sockets stay the browser’s own', () => {
    const win = fakeWindow();
    const originals = { setTimeout: win.setTimeout, WebSocket: win.WebSocket, add: PageTarget.prototype.addEventListener };
    assert.equal(installCensusIfAsked(win, ''), undefined);
    assert.equal(installCensusIfAsked(win, '?lang=en'), undefined);
    assert.equal(win.setTimeout, originals.setTimeout);
    assert.equal(win.WebSocket, originals.WebSocket);
    assert.equal(PageTarget.prototype.addEventListener, originals.add);
  });

  it('with ?census counts pending timers, page listeners and open WebSockets, and sees them go', async () => {
    const win = fakeWindow();
    const census = installCensusIfAsked(win, '?census=1');
    assert.ok(census);
    const empty = census.counts();
    assert.deepEqual({ timers: empty.timers, listeners: empty.listeners, webSockets: empty.webSockets }, { timers: 0, listeners: 0, webSockets: 0 });

    let fired = false;
    win.setTimeout(() => (fired = true), 1);
    const interval = win.setInterval(() => undefined, 60_000);
    const onResize = () => undefined;
    win.addEventListener('resize', onResize);
    win.document.addEventListener('visibilitychange', onResize);
    const socket = new win.WebSocket('ws://127.0.0.1:9/') as unknown as FakeSocket;
    assert.ok(socket instanceof FakeSocket, 'instanceof still works through the wrapper');
    const busy = census.counts();
    assert.deepEqual({ timers: busy.timers, listeners: busy.listeners, webSockets: busy.webSockets }, { timers: 2, listeners: 2, webSockets: 1 });

    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(fired);
    win.clearInterval(interval);
    win.removeEventListener('resize', onResize);
    win.document.removeEventListener('visibilitychange', onResize);
    socket.close();
    const done = census.counts();
    assert.deepEqual({ timers: done.timers, listeners: done.listeners, webSockets: done.webSockets }, { timers: 0, listeners: 0, webSockets: 0 });
  });

  it('with ?census counts the AudioContexts rendering now: a suspended or closed one is not', async () => {
    const win = fakeWindow();
    const census = installCensusIfAsked(win, '?census=1');
    assert.ok(census);
    assert.equal(census.counts().runningAudioContexts, 0);
    const ringer = new win.AudioContext() as unknown as FakeAudioContext;
    const meter = new win.AudioContext() as unknown as FakeAudioContext;
    assert.ok(ringer instanceof FakeAudioContext, 'instanceof still works through the wrapper');
    assert.equal(census.counts().runningAudioContexts, 2);
    await ringer.suspend();
    await meter.close();
    assert.equal(census.counts().runningAudioContexts, 0);
    await ringer.resume();
    assert.equal(census.counts().runningAudioContexts, 1);
  });
});

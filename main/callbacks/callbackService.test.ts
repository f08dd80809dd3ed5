import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { QueuedCallback } from '../../common/contract/callbackQueue';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import type { OutboxEntry, OutboxPort } from '../outbox/module';
import { ManualScheduler } from '../time/manualScheduler';
import { CallbackService, type CallbackQueuePort, type QueueAnswer } from './callbackService';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function queued(overrides: Partial<QueuedCallback> = {}): QueuedCallback {
  return {
    id: randomUUID(),
    source: 'ivr',
    skill: 'billing',
    customer: { name: 'Margaret Chen', number: '1002' },
    reason: 'Refund not received',
    lastContact: 'Chat, 2 days ago',
    windowStart: '2026-01-05T08:00:00.000Z',
    windowEnd: '2026-01-05T12:00:00.000Z',
    createdAt: '2026-01-05T07:00:00.000Z',
    state: 'assigned',
    agent: '1001',
    ...overrides,
  };
}

/** A gateway queue in memory: the next claim answers from `offers`; dial/later answer `answer`. */
class FakeQueue implements CallbackQueuePort {
  offers: (QueuedCallback | null | undefined)[] = [];
  claims: { agent: string; skills: readonly string[] }[] = [];
  dials: string[] = [];
  laters: { id: string; reason: string }[] = [];
  answer: QueueAnswer = 'ok';
  claim(agent: string, skills: readonly string[]) {
    this.claims.push({ agent, skills });
    return Promise.resolve(this.offers.length > 0 ? this.offers.shift()! : null);
  }
  dial(id: string) {
    this.dials.push(id);
    return Promise.resolve(this.answer);
  }
  later(id: string, _agent: string, reason: string) {
    this.laters.push({ id, reason });
    return Promise.resolve(this.answer);
  }
}

function setup(options: { autoDialSeconds?: number; skills?: readonly string[]; free?: boolean; queue?: FakeQueue | null; dialFails?: boolean } = {}) {
  const clock = new ManualScheduler();
  const queue = options.queue === null ? undefined : (options.queue ?? new FakeQueue());
  let free = options.free ?? true;
  let onCall = false;
  const agentListeners = new Set<() => void>();
  const endedListeners = new Set<(callId: string) => void>();
  const dialled: string[] = [];
  const enqueued: OutboxEntry[] = [];
  const outbox = { enqueue: (...entries: OutboxEntry[]) => enqueued.push(...entries) } as unknown as OutboxPort;
  const service = new CallbackService({
    queue,
    agent: { agent: () => '1001', isFree: () => free, onCall: () => onCall, onChange: (listener) => (agentListeners.add(listener), () => agentListeners.delete(listener)) },
    calls: {
      dial: (number) => {
        if (options.dialFails) throw new ServiceError('unavailable', 'not registered');
        dialled.push(number);
        onCall = true;
        free = false;
        return { callId: `call-${dialled.length}` };
      },
      onCallEnded: (listener) => (endedListeners.add(listener), () => endedListeners.delete(listener)),
    },
    outbox,
    clock,
    policy: () => ({ skills: options.skills ?? ['billing'], autoDialSeconds: options.autoDialSeconds ?? 0 }),
    redact: (text) => text.replace(/\d{13,19}/g, '[card]'),
    log: silentLogger(),
    pollMs: 1000,
    maxPollMs: 8000,
  });
  const setFree = (value: boolean) => {
    free = value;
    for (const listener of [...agentListeners]) listener();
  };
  const endCall = (callId: string) => {
    onCall = false;
    for (const listener of [...endedListeners]) listener(callId);
  };
  return { clock, queue: queue!, service, dialled, enqueued, setFree, endCall };
}

describe('CallbackService', () => {
  it('while Ready it asks the gateway for its skills, backing off while there is nothing, and stops when Not Ready', async () => {
    const { clock, queue, service, setFree } = setup({ skills: ['billing', 'tech'] });
    service.start();
    await settle();
    assert.deepEqual(queue.claims, [{ agent: '1001', skills: ['billing', 'tech'] }]);
    assert.equal(service.view().stage, 'waiting');
    await clock.advance(1000);
    await clock.advance(2000);
    await clock.advance(4000);
    await clock.advance(8000);
    await clock.advance(8000);
    assert.equal(queue.claims.length, 6, 'waits 1, 2, 4, 8, then 8 s (the cap)');
    setFree(false);
    await clock.advance(60_000);
    assert.equal(queue.claims.length, 6, 'Not Ready (or on a call, or offline): no claims');
    setFree(true);
    await settle();
    assert.equal(queue.claims.length, 7, 'Ready again: asks at once');
    await clock.advance(1000);
    assert.equal(queue.claims.length, 8, 'and the back-off starts over');
    service.dispose();
  });

  it('no skills in policy, or no gateway: off, and never asks', async () => {
    for (const options of [{ skills: [] }, { queue: null }] as const) {
      const { clock, queue, service } = setup(options);
      service.start();
      await clock.advance(10_000);
      assert.equal(service.view().stage, 'off');
      assert.equal(queue?.claims.length ?? 0, 0);
      service.dispose();
    }
  });

  it('an assignment shows as a preview; Call now dials the customer only after the gateway agreed; the outcome goes to the outbox', async () => {
    const { clock, queue, service, dialled, enqueued, endCall } = setup();
    const callback = queued();
    queue.offers.push(callback);
    service.start();
    await settle();
    const preview = service.view();
    assert.equal(preview.stage, 'preview');
    assert.equal(preview.callback?.customerName, 'Margaret Chen');
    assert.equal(preview.callback?.reason, 'Refund not received');
    assert.equal(preview.callback?.lastContact, 'Chat, 2 days ago');
    assert.equal(preview.callback?.windowEnd, Date.parse(callback.windowEnd));
    assert.equal(preview.autoDialAt, undefined, 'no automatic dial without the policy');
    await clock.advance(60_000);
    assert.equal(queue.claims.length, 1, 'no more claims while one is previewed');
    await service.callNow(callback.id);
    assert.deepEqual(queue.dials, [callback.id]);
    assert.deepEqual(dialled, ['1002']);
    assert.equal(service.view().stage, 'calling');
    endCall('some-other-call');
    assert.equal(service.view().stage, 'calling');
    endCall('call-1');
    assert.equal(service.view().stage, 'outcome');
    assert.throws(() => service.recordOutcome(randomUUID(), 'reached'), /no longer on your screen/);
    service.recordOutcome(callback.id, 'reached', ' Paid by card 4111111111111111 ');
    assert.equal(enqueued.length, 1);
    assert.equal(enqueued[0]!.kind, 'callbackOutcome');
    const record = JSON.parse(enqueued[0]!.payload) as Record<string, unknown>;
    assert.deepEqual({ ...record, at: undefined }, { callbackId: callback.id, agent: '1001', outcome: 'reached', note: 'Paid by card [card]', customerNumber: '1002', at: undefined });
    assert.equal(service.view().stage, 'waiting');
    service.dispose();
  });

  it('409 from the gateway: "A colleague already took this callback", nothing is dialled, and the agent gets the next one', async () => {
    const { queue, service, dialled } = setup();
    const callback = queued();
    queue.offers.push(callback);
    service.start();
    await settle();
    queue.answer = 'taken';
    await service.callNow(callback.id);
    assert.deepEqual(dialled, [], 'never a call for a callback another agent has');
    const view = service.view();
    assert.equal(view.stage, 'waiting');
    assert.equal(view.notice, 'taken');
    assert.equal(view.callback, undefined);
    await settle();
    assert.equal(queue.claims.length, 2, 'asks again at once');
    service.dispose();
  });

  it('gateway down at Call now: the preview stays, with a notice, and nothing is dialled', async () => {
    const { queue, service, dialled } = setup();
    const callback = queued();
    queue.offers.push(callback);
    service.start();
    await settle();
    queue.answer = 'unreachable';
    await service.callNow(callback.id);
    assert.deepEqual(dialled, []);
    assert.equal(service.view().stage, 'preview');
    assert.equal(service.view().notice, 'gatewayDown');
    queue.answer = 'ok';
    await service.callNow(callback.id);
    assert.deepEqual(dialled, ['1002']);
    service.dispose();
  });

  it('Later needs a reason; it puts the callback back and the agent is offered the next', async () => {
    const { queue, service } = setup();
    const callback = queued();
    queue.offers.push(callback);
    service.start();
    await settle();
    await assert.rejects(service.later(callback.id, '   '), /Say why/);
    assert.equal(queue.laters.length, 0);
    await service.later(callback.id, 'Customer asked for after 5 pm');
    assert.deepEqual(queue.laters, [{ id: callback.id, reason: 'Customer asked for after 5 pm' }]);
    assert.equal(service.view().stage, 'waiting');
    await settle();
    assert.equal(queue.claims.length, 2);
    service.dispose();
  });

  it('policy auto-dial: a countdown, then the call; the agent can stop it; a call arriving stops it too', async () => {
    const first = setup({ autoDialSeconds: 10 });
    const callback = queued();
    first.queue.offers.push(callback);
    first.service.start();
    await settle();
    assert.equal(first.service.view().autoDialAt, first.clock.now() + 10_000);
    await first.clock.advance(9_000);
    assert.deepEqual(first.dialled, []);
    await first.clock.advance(1_000);
    await settle();
    assert.deepEqual(first.dialled, ['1002'], 'dialled when the countdown ran out');
    first.service.dispose();

    const stopped = setup({ autoDialSeconds: 10 });
    const other = queued();
    stopped.queue.offers.push(other);
    stopped.service.start();
    await settle();
    stopped.service.stopAutoDial(other.id);
    assert.equal(stopped.service.view().autoDialAt, undefined);
    await stopped.clock.advance(60_000);
    assert.deepEqual(stopped.dialled, [], 'the agent stopped it');
    assert.equal(stopped.service.view().stage, 'preview');
    stopped.service.dispose();

    const interrupted = setup({ autoDialSeconds: 10 });
    interrupted.queue.offers.push(queued());
    interrupted.service.start();
    await settle();
    interrupted.setFree(false);
    await interrupted.clock.advance(60_000);
    assert.deepEqual(interrupted.dialled, [], 'an inbound call (agent no longer free) stops the countdown');
    interrupted.service.dispose();
  });

  it('after a restart the gateway still lists a dialled callback as ours: the agent is asked for its outcome; one already recorded is not shown again', async () => {
    const { queue, service, enqueued } = setup();
    const dialling = queued({ state: 'dialing' });
    queue.offers.push(dialling);
    service.start();
    await settle();
    assert.equal(service.view().stage, 'outcome');
    // The outbox has not delivered the outcome yet, so the gateway still answers with the same callback.
    queue.offers.push(dialling);
    service.recordOutcome(dialling.id, 'noAnswer');
    assert.equal(enqueued.length, 1);
    await settle();
    assert.equal(queue.claims.length, 2);
    assert.equal(service.view().stage, 'waiting');
    service.dispose();
  });

  it('a call that cannot be placed still asks for the outcome (the gateway has it as dialled)', async () => {
    const { queue, service } = setup({ dialFails: true });
    const callback = queued();
    queue.offers.push(callback);
    service.start();
    await settle();
    await service.callNow(callback.id);
    assert.equal(service.view().stage, 'outcome');
    assert.equal(service.view().notice, 'dialFailed');
    service.dispose();
  });
});

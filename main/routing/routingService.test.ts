import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Call } from '../../common/contract/model';
import type { InteractionRecord } from '../../common/contract/routing';
import type { GatewayResult } from '../gateway/gatewayClient';
import { silentLogger } from '../log/logger';
import { RoutingService, type InteractionRecords } from './routingService';

const ORIGIN = 'http://127.0.0.1:7300';
const call = (id: string, headers?: [string, string][]): Call => ({
  id,
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '1002',
  startedAt: 1,
  onHold: false,
  muted: false,
  routingHeaders: headers && { headers: headers.map(([name, value]) => ({ name, value })) },
});
const record: InteractionRecord = {
  id: 'INT-9',
  queue: 'Billing',
  skill: 'billing',
  ivrPath: ['Main menu', 'Billing'],
  transcript: [{ speaker: 'customer', text: 'my card is 4111 1111 1111 1111 and the refund never came' }],
  intent: { name: 'billing.refund_status', label: 'Refund status', confidence: 0.9, keywords: ['refund', 'missing'], selfServiceable: false },
  startedAt: new Date(0).toISOString(),
};

function setup(answer: GatewayResult<InteractionRecord>) {
  const asked: string[] = [];
  const primed: { callId: string; words: readonly string[] }[] = [];
  const records: InteractionRecords = { origin: ORIGIN, get: async (id) => (asked.push(id), answer) };
  const service = new RoutingService({
    records,
    intents: { primeIntent: (c, words) => primed.push({ callId: c.id, words }) },
    redact: (text) => text.replace(/\d{4} \d{4} \d{4} \d{4}/, '[card number]'),
    clock: () => 1000,
    log: silentLogger(),
  });
  let pushes = 0;
  service.onChange(() => (pushes += 1));
  return { service, asked, primed, pushes: () => pushes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RoutingService', () => {
  it('a call without routing headers shows nothing and asks nobody', async () => {
    const { service, asked, pushes } = setup({ kind: 'ok', value: record });
    service.callRinging(call('a'));
    await settle();
    assert.deepEqual(service.view().calls, []);
    assert.deepEqual(asked, []);
    assert.equal(pushes(), 0);
  });

  it('headers → queue and skill at once, then the record: transcript (redacted), intent, and suggestions primed', async () => {
    const { service, asked, primed } = setup({ kind: 'ok', value: record });
    service.callRinging(call('a', [['X-Queue', 'Billing'], ['X-Skill', 'billing'], ['X-Queue-Wait', '40'], ['Call-Info', `<${ORIGIN}/v1/interactions/INT-9>;purpose=info`]]));
    assert.deepEqual(
      (({ status, queue, skill, waitedSeconds, record: state, ringingSince }) => ({ status, queue, skill, waitedSeconds, state, ringingSince }))(service.view().calls[0]!),
      { status: 'ok', queue: 'Billing', skill: 'billing', waitedSeconds: 40, state: 'loading', ringingSince: 1000 },
    );
    await settle();
    const shown = service.view().calls[0]!;
    assert.deepEqual(asked, ['INT-9']);
    assert.equal(shown.record, 'loaded');
    assert.deepEqual(shown.ivrPath, ['Main menu', 'Billing'], 'the record fills what the headers left out');
    assert.equal(shown.intent?.label, 'Refund status');
    assert.doesNotMatch(shown.transcript[0]!.text, /4111/);
    assert.deepEqual(primed, [{ callId: 'a', words: ['Refund status', 'refund', 'missing'] }]);
    service.callForgotten('a');
    assert.deepEqual(service.view().calls, []);
  });

  it('malformed headers: unavailable, the record is not fetched, nothing primed', async () => {
    const { service, asked, primed } = setup({ kind: 'ok', value: record });
    service.callRinging(call('b', [['X-Queue', 'x'.repeat(300)], ['X-Interaction-Id', 'INT-9']]));
    await settle();
    assert.equal(service.view().calls[0]!.status, 'unavailable');
    assert.equal(service.view().calls[0]!.queue, undefined);
    assert.deepEqual(asked, []);
    assert.deepEqual(primed, []);
  });

  it('gateway unreachable or off-contract: the headers stay, the record says failed', async () => {
    const answers: GatewayResult<InteractionRecord>[] = [{ kind: 'unreachable', message: 'ECONNREFUSED' }, { kind: 'malformed', issues: ['x'] }];
    for (const answer of answers) {
      const { service, primed } = setup(answer);
      service.callRinging(call('c', [['X-Queue', 'Billing'], ['X-Interaction-Id', 'INT-9']]));
      await settle();
      const shown = service.view().calls[0]!;
      assert.deepEqual([shown.status, shown.queue, shown.record], ['ok', 'Billing', 'failed']);
      assert.deepEqual(primed, []);
    }
  });

  it('a record for another interaction than asked is not shown', async () => {
    const { service } = setup({ kind: 'ok', value: { ...record, id: 'INT-other' } });
    service.callRinging(call('d', [['X-Interaction-Id', 'INT-9']]));
    await settle();
    assert.equal(service.view().calls[0]!.record, 'failed');
    assert.equal(service.view().calls[0]!.intent, undefined);
  });
});

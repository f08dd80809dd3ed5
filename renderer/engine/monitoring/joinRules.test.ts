import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideJoin, hostOf, joinEndReason, mixRoute, parseAssertedIdentity, parseModeSwitch, type JoinRequestFacts } from './joinRules';

const CONTENT_TYPE = 'application/vnd.hearthline.join+json';

const facts = (patch: Partial<JoinRequestFacts> = {}): JoinRequestFacts => ({
  modeHeader: 'monitor',
  assertedIdentity: '<sip:2001@example.com>',
  agentDomain: 'example.com',
  supervisors: ['2001'],
  hasCall: true,
  alreadyJoined: false,
  ...patch,
});

describe('joining a call: who may join', () => {
  it('accepts a supervisor of this agent asserted by the server, in the requested mode', () => {
    assert.deepEqual(decideJoin(facts({ modeHeader: ' Whisper ' })), { accept: true, supervisor: '2001', mode: 'whisper' });
  });

  it('refuses when the server asserted nobody (a header a client wrote is removed by the server)', () => {
    const decision = decideJoin(facts({ assertedIdentity: undefined }));
    assert.equal(decision.accept, false);
    assert.equal(decision.accept === false && decision.status, 403);
  });

  it('refuses a caller who is not on the list, or is asserted in another domain', () => {
    for (const patch of [{ supervisors: ['2002'] }, { supervisors: [] }, { assertedIdentity: '<sip:2001@elsewhere.example>' }]) {
      const decision = decideJoin(facts(patch));
      assert.equal(decision.accept === false && decision.status, 403, JSON.stringify(patch));
    }
  });

  it('refuses an unknown mode, no call to join, and a second supervisor', () => {
    assert.equal(decideJoin(facts({ modeHeader: 'record' })).accept === false && (decideJoin(facts({ modeHeader: 'record' })) as { status: number }).status, 400);
    const noCall = decideJoin(facts({ hasCall: false }));
    assert.equal(noCall.accept === false && noCall.status, 480);
    const busy = decideJoin(facts({ alreadyJoined: true }));
    assert.equal(busy.accept === false && busy.status, 486);
  });

  it('checks who is asking before saying whether there is a call (a stranger learns nothing)', () => {
    const decision = decideJoin(facts({ supervisors: [], hasCall: false }));
    assert.equal(decision.accept === false && decision.status, 403);
  });

  it('reads the asserted identity with display names, parameters and ports', () => {
    assert.deepEqual(parseAssertedIdentity('"Sam" <sip:1003@127.0.0.1:5060;user=phone>'), { user: '1003', host: '127.0.0.1' });
    assert.deepEqual(parseAssertedIdentity('sip:2001@Example.COM'), { user: '2001', host: 'example.com' });
    assert.equal(parseAssertedIdentity('<tel:+441234>'), undefined);
    assert.equal(parseAssertedIdentity(''), undefined);
    assert.equal(hostOf('127.0.0.1:5060'), '127.0.0.1');
  });
});

describe('joining a call: who hears what', () => {
  it('keeps the supervisor away from the customer unless barging, and from the agent only when monitoring', () => {
    assert.deepEqual(mixRoute('monitor'), { agentHearsSupervisor: false, customerHearsSupervisor: false });
    assert.deepEqual(mixRoute('whisper'), { agentHearsSupervisor: true, customerHearsSupervisor: false });
    assert.deepEqual(mixRoute('barge'), { agentHearsSupervisor: true, customerHearsSupervisor: true });
  });

  it('switches mode only on a well-formed in-dialog request of its own content type', () => {
    assert.equal(parseModeSwitch(CONTENT_TYPE, '{"mode":"barge"}', CONTENT_TYPE), 'barge');
    assert.equal(parseModeSwitch(`${CONTENT_TYPE}; charset=utf-8`, '{"mode":"whisper"}', CONTENT_TYPE), 'whisper');
    assert.equal(parseModeSwitch('application/json', '{"mode":"barge"}', CONTENT_TYPE), undefined);
    assert.equal(parseModeSwitch(CONTENT_TYPE, '{"mode":"record"}', CONTENT_TYPE), undefined);
    assert.equal(parseModeSwitch(CONTENT_TYPE, 'not json', CONTENT_TYPE), undefined);
    assert.equal(parseModeSwitch(CONTENT_TYPE, undefined, CONTENT_TYPE), undefined);
  });

  it('tells the supervisor why a join failed from the agent side’s answer', () => {
    assert.equal(joinEndReason(403), 'notAllowed');
    assert.equal(joinEndReason(480), 'noCall');
    assert.equal(joinEndReason(486), 'busy');
    assert.equal(joinEndReason(404), 'unreachable');
    assert.equal(joinEndReason(undefined), 'failed');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConferenceRequestSchema, TransferRequestSchema, uiRequests } from '../../common/contract/channels';

describe('call control contract', () => {
  it('accepts a blind transfer with a target and an attended one with its consultation call', () => {
    assert.ok(TransferRequestSchema.safeParse({ callId: 'a', mode: 'blind', target: '1004' }).success);
    assert.ok(TransferRequestSchema.safeParse({ callId: 'a', mode: 'attended', consultCallId: 'c' }).success);
  });

  it('says what is missing from a transfer', () => {
    const blind = TransferRequestSchema.safeParse({ callId: 'a', mode: 'blind' });
    assert.match(blind.error?.issues.map((issue) => issue.message).join() ?? '', /needs a number/);
    const attended = TransferRequestSchema.safeParse({ callId: 'a', mode: 'attended', target: '1004' });
    assert.match(attended.error?.issues.map((issue) => issue.message).join() ?? '', /consultation call/);
    assert.equal(TransferRequestSchema.safeParse({ callId: 'a', mode: 'attended', consultCallId: 'a' }).success, false);
    assert.equal(TransferRequestSchema.safeParse({ callId: 'a', mode: 'blind', target: 'sip:x@evil;transport=tcp' }).success, false);
  });

  it('joins exactly two different calls in a conference', () => {
    assert.ok(ConferenceRequestSchema.safeParse({ callIds: ['a', 'b'] }).success);
    assert.equal(ConferenceRequestSchema.safeParse({ callIds: ['a'] }).success, false);
    assert.equal(ConferenceRequestSchema.safeParse({ callIds: ['a', 'a'] }).success, false);
    assert.equal(ConferenceRequestSchema.safeParse({ callIds: ['a', 'b', 'c'] }).success, false);
  });

  it('keeps answer and dial strict: only the documented options pass', () => {
    assert.ok(uiRequests['call.answer'].request.safeParse({ callId: 'a', holdOthers: true }).success);
    assert.equal(uiRequests['call.answer'].request.safeParse({ callId: 'a', force: true }).success, false);
    assert.ok(uiRequests['call.dial'].request.safeParse({ target: '1004', consultFor: 'a' }).success);
    assert.ok(uiRequests['agent.endWrapUp'].request.safeParse({}).success);
  });
});

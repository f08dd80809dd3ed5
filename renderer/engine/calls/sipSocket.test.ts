import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeSipMessage } from './sipSocket';

const reInvite = [
  'INVITE sip:1002-0x1@127.0.0.1:5070 SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'To: <sip:1002@127.0.0.1>;tag=as8d7',
  'From: "Ada" <sip:1001@127.0.0.1>;tag=q7l',
  'Call-ID: q043tic3033kr0hrq3rh',
  'CSeq: 7421 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('describeSipMessage', () => {
  it('reads a re-INVITE as an in-dialog INVITE with its Call-ID and CSeq', () => {
    assert.deepEqual(describeSipMessage('out', reInvite, 5), {
      at: 5,
      dir: 'out',
      startLine: 'INVITE sip:1002-0x1@127.0.0.1:5070 SIP/2.0',
      method: 'INVITE',
      status: undefined,
      callId: 'q043tic3033kr0hrq3rh',
      cseq: '7421 INVITE',
      inDialog: true,
    });
  });

  it('tells an initial request (no To tag) and reads responses and compact headers', () => {
    const initial = reInvite.replace(';tag=as8d7', '');
    assert.equal(describeSipMessage('out', initial, 0)?.inDialog, false);
    const response = 'SIP/2.0 407 Proxy Authentication Required\r\ni: abc\r\nt: <sip:x@y>;tag=1\r\nCSeq: 1 INVITE\r\n\r\n';
    const entry = describeSipMessage('in', response, 0);
    assert.equal(entry?.status, 407);
    assert.equal(entry?.callId, 'abc');
    assert.equal(entry?.inDialog, true);
  });

  it('ignores CRLF keep-alives', () => {
    assert.equal(describeSipMessage('in', '\r\n\r\n', 0), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JsSIP from 'jssip';
import { tolerateSipIdentities } from './sipTolerance';

function invite(from: string, to = '<sip:1001@contact.example>'): string {
  return [
    'INVITE sip:1001@contact.example SIP/2.0',
    'Via: SIP/2.0/WS 127.0.0.1:7443;branch=z9hG4bKabc',
    'Max-Forwards: 69',
    `From: ${from};tag=f1`,
    `To: ${to}`,
    'Call-ID: c1@example',
    'CSeq: 1 INVITE',
    'Contact: <sip:caller@127.0.0.1:5070>',
    'Content-Type: application/sdp',
    'Content-Length: 4',
    '',
    'v=0\n',
  ].join('\r\n');
}

/** What JsSIP's own grammar makes of a From value (undefined: it cannot parse it and drops the message). */
function parseFrom(message: string): { display?: string; user?: string } | undefined {
  const value = /^From: (.*)$/m.exec(message)?.[1]?.replace(/\r$/, '') ?? '';
  // JsSIP's types say Grammar; at run time it is the parsed NameAddrHeader (or undefined).
  const parsed = JsSIP.NameAddrHeader.parse(value) as unknown as JsSIP.NameAddrHeader | undefined;
  return parsed ? { display: parsed.display_name || undefined, user: parsed.uri.user } : undefined;
}

describe('tolerateSipIdentities', () => {
  it('turns a tel: caller into the same number as a SIP URI JsSIP can parse', () => {
    const original = invite('"Bank of Ada" <tel:+44-20-7946-0958;phone-context=+44>');
    assert.equal(parseFrom(original), undefined, 'JsSIP cannot parse it as sent');
    const tolerated = tolerateSipIdentities(original);
    assert.deepEqual(parseFrom(tolerated), { display: 'Bank of Ada', user: '+44-20-7946-0958' });
    assert.match(tolerated, /^From: "Bank of Ada" <sip:\+44-20-7946-0958@contact\.example;user=phone>;tag=f1\r$/m);
    assert.deepEqual(parseFrom(tolerateSipIdentities(invite('tel:+861012345678'))), { display: undefined, user: '+861012345678' });
  });

  it('quotes an unquoted display name in any script', () => {
    for (const name of ['Zoë Brontë', '陈小明', '陳大文 (HK)', 'Ann@Home']) {
      const original = invite(`${name} <sip:+447700900123@carrier.example>`);
      const tolerated = tolerateSipIdentities(original);
      assert.deepEqual(parseFrom(tolerated), { display: name, user: '+447700900123' }, name);
    }
  });

  it('leaves what already parses, and names with control characters, exactly as they were', () => {
    for (const from of ['"Anonymous" <sip:anonymous@anonymous.invalid>', '"O\\"Brien" <sip:1002@contact.example>', 'Plain Name <sip:1002@x>', '<sip:1002@x>', '"Bell\u0007Ringer" <sip:1@x>', 'Bell\u0007Ringer <sip:1@x>']) {
      const message = invite(from);
      assert.equal(tolerateSipIdentities(message), message, from);
    }
    const response = 'SIP/2.0 200 OK\r\nFrom: <sip:1001@x>;tag=1\r\nTo: <sip:1002@x>;tag=2\r\n\r\n';
    assert.equal(tolerateSipIdentities(response), response);
    assert.equal(tolerateSipIdentities('\r\n\r\n'), '\r\n\r\n', 'a keep-alive');
  });

  it('touches only From and To, never the body', () => {
    const message = invite('Zoë <tel:+4412>').replace('v=0\n', 'From: Zoë <tel:+4412>');
    const tolerated = tolerateSipIdentities(message);
    assert.ok(tolerated.endsWith('\r\n\r\nFrom: Zoë <tel:+4412>'));
    assert.match(tolerated, /^Contact: <sip:caller@127\.0\.0\.1:5070>\r$/m);
  });
});

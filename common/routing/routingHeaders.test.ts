import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawRoutingHeadersSchema, ROUTING_RAW_HEADERS_MAX, ROUTING_RAW_VALUE_MAX } from '../contract/routingHeaders';
import { collectRoutingHeaders, parseRoutingHeaders, ROUTING_HEADER_LIST } from './routingHeaders';

const GATEWAY = 'http://127.0.0.1:7300';
const headers = (...pairs: [string, string][]) => ({ headers: pairs.map(([name, value]) => ({ name, value })) });
const parse = (...pairs: [string, string][]) => parseRoutingHeaders(headers(...pairs), { gatewayOrigin: GATEWAY });
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('collectRoutingHeaders (engine side)', () => {
  it('reads every known name, case as given by the reader, and nothing when there is none', () => {
    const seen: string[] = [];
    assert.equal(collectRoutingHeaders((name) => (seen.push(name), [])), undefined);
    assert.deepEqual(seen, [...ROUTING_HEADER_LIST]);
    const got = collectRoutingHeaders((name) => (name === 'x-queue' ? ['Billing'] : name === 'call-info' ? ['<http://a/b>;purpose=icon'] : undefined));
    assert.deepEqual(got, { headers: [{ name: 'x-queue', value: 'Billing' }, { name: 'call-info', value: '<http://a/b>;purpose=icon' }] });
  });

  it('clips oversized values and caps the count, so the call report always validates', () => {
    const huge = 'x'.repeat(50_000);
    const got = collectRoutingHeaders((name) => (name === 'x-ivr-path' ? [huge] : name === 'x-skill' ? Array(100).fill('billing') : []))!;
    assert.equal(got.headers.length, ROUTING_RAW_HEADERS_MAX);
    assert.equal(got.truncated, true);
    assert.equal(RawRoutingHeadersSchema.safeParse(got).success, true);
    const path = collectRoutingHeaders((name) => (name === 'x-ivr-path' ? [huge] : []))!;
    assert.equal(path.headers[0]!.value.length, ROUTING_RAW_VALUE_MAX);
    assert.equal(path.headers[0]!.clipped, true);
  });

  it('a reader that throws or returns non-strings counts as no header', () => {
    assert.equal(collectRoutingHeaders(() => { throw new Error('parser'); }), undefined);
    assert.equal(collectRoutingHeaders(() => [42, null]), undefined);
  });
});

describe('parseRoutingHeaders (main side)', () => {
  it('no routing headers is "none", not an error', () => {
    assert.equal(parseRoutingHeaders(undefined).status, 'none');
    assert.equal(parse().status, 'none');
    // Call-Info for something else (a picture) is not routing context.
    assert.equal(parse(['call-info', '<http://example.com/alice.png>;purpose=icon']).status, 'none');
  });

  it('reads our header set and the record pointer on the configured gateway', () => {
    const got = parse(
      ['x-queue', 'Billing'],
      ['x-skill', 'billing'],
      ['x-interaction-id', 'INT-42'],
      ['x-queue-wait', '95'],
      ['x-ivr-path', 'Main menu > Billing > Refunds'],
      ['call-info', `<${GATEWAY}/v1/interactions/INT-42>;purpose=info`],
    );
    assert.equal(got.status, 'ok');
    assert.deepEqual(
      { queue: got.queue, skill: got.skill, id: got.interactionId, waited: got.waitedSeconds, path: got.ivrPath, url: got.recordUrl },
      { queue: 'Billing', skill: 'billing', id: 'INT-42', waited: 95, path: ['Main menu', 'Billing', 'Refunds'], url: `${GATEWAY}/v1/interactions/INT-42` },
    );
  });

  it('accepts the vendor spellings: Microsoft ACS X-MS-Custom-*, %-escaped values, UUI in hex with a discriminator and as text', () => {
    const ms = parse(['x-ms-custom-queue', 'Tech%20support'], ['x-ms-custom-skill', 'tech'], ['x-ms-custom-ivr-path', 'main/tech']);
    assert.deepEqual([ms.status, ms.queue, ms.skill, ms.ivrPath], ['ok', 'Tech support', 'tech', ['main', 'tech']]);
    const uui = parse(['user-to-user', `04${hex('queue=Billing;skill=billing;interaction=INT-7;wait=12')};encoding=hex;purpose=isdn-uui`]);
    assert.deepEqual([uui.status, uui.queue, uui.skill, uui.interactionId, uui.waitedSeconds], ['ok', 'Billing', 'billing', 'INT-7', 12]);
    const text = parse(['x-user-to-user', 'queue%3DSales%3Bskill%3Dsales;encoding=text']);
    assert.deepEqual([text.status, text.queue, text.skill], ['ok', 'Sales', 'sales']);
    // The same value twice (two spellings agreeing) is fine.
    assert.equal(parse(['x-queue', 'Billing'], ['x-queue-name', 'Billing']).status, 'ok');
  });

  it('a record pointer on another host is never followed', () => {
    const got = parse(['x-queue', 'Billing'], ['call-info', '<http://evil.example/v1/interactions/INT-1>;purpose=info']);
    assert.equal(got.status, 'ok');
    assert.equal(got.recordUrl, undefined);
    assert.equal(got.interactionId, undefined);
    assert.match(got.problems.join(), /evil\.example.*not the configured gateway/);
    assert.equal(parseRoutingHeaders(headers(['call-info', `<${GATEWAY}/v1/interactions/INT-1>;purpose=info`])).recordUrl, undefined, 'no gateway configured: nothing to trust');
  });

  const junk: [string, [string, string][]][] = [
    ['an oversized value', [['x-queue', 'Billing']]],
    ['a control character', [['x-queue', 'Bill\u0007ing']]],
    ['an escaped CR LF', [['x-queue', 'Billing%0D%0AX-Evil: 1']]],
    ['a bidi override', [['x-skill', 'bill\u202eing']]],
    ['markup', [['x-queue', '<img src=x onerror=alert(1)>']]],
    ['a broken escape', [['x-queue', 'Bill%zzing']]],
    ['a too long label', [['x-queue', 'Q'.repeat(65)]]],
    ['a negative wait', [['x-queue-wait', '-5']]],
    ['a wait in words', [['x-queue-wait', 'ten']]],
    ['a wait of a week', [['x-queue-wait', '604800']]],
    ['an IVR path of 30 steps', [['x-ivr-path', Array(30).fill('a').join('>')]]],
    ['an empty IVR step', [['x-ivr-path', 'main>>billing']]],
    ['an interaction id with a slash', [['x-interaction-id', '../../admin']]],
    ['conflicting duplicates', [['x-queue', 'Billing'], ['x-queue', 'Sales']]],
    ['two spellings disagreeing', [['x-skill', 'billing'], ['x-ms-custom-skill', 'sales']]],
    ['Call-Info and id disagreeing', [['x-interaction-id', 'INT-1'], ['call-info', `<${GATEWAY}/v1/interactions/INT-2>;purpose=info`]]],
    ['Call-Info that is not <uri>', [['call-info', 'http://x/v1/interactions/1;purpose=info']]],
    ['UUI that is not hex', [['user-to-user', 'zz;encoding=hex']]],
    ['UUI of an unknown encoding', [['user-to-user', 'abc;encoding=base64']]],
  ];
  for (const [what, pairs] of junk) {
    it(`${what} makes the whole set unavailable`, () => {
      const raw = headers(...pairs);
      if (what === 'an oversized value') raw.headers[0] = { ...raw.headers[0]!, clipped: true } as never;
      const got = parseRoutingHeaders(raw, { gatewayOrigin: GATEWAY });
      assert.equal(got.status, 'unavailable', JSON.stringify(got));
      assert.equal(got.queue, undefined);
      assert.deepEqual(got.ivrPath, []);
      assert.ok(got.problems.length > 0);
    });
  }

  it('more lines than the engine passes on is unavailable', () => {
    assert.equal(parseRoutingHeaders({ headers: [{ name: 'x-queue', value: 'A' }], truncated: true }).status, 'unavailable');
  });

  it('UUI data that is not ours is ignored, not an error', () => {
    assert.equal(parse(['user-to-user', `${hex('account 1234')};encoding=hex`]).status, 'none');
  });
});

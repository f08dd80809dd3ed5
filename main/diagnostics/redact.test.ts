import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactText } from '../assist/redaction';
import { createRedactor } from './redact';

describe('PII redaction', () => {
  const redact = createRedactor({ names: ['Margaret Okafor', '王芳'], numbers: ['1002', '+44 20 7946 0321'] }, redactText);

  it('masks phone numbers in the usual formats', () => {
    assert.equal(redact.text('caller +44 20 7946 0321 rang'), 'caller [phone] rang');
    assert.equal(redact.text('call back on (020) 7946-0999 please'), 'call back on [phone] please');
    assert.equal(redact.text('mobile 13812345678'), 'mobile [phone]');
  });

  it('masks known short extensions and the same number written differently', () => {
    assert.equal(redact.text('INVITE from 1002 answered'), 'INVITE from [phone] answered');
    assert.equal(redact.text('+442079460321 / 442079460321'), '[phone] / [phone]');
  });

  it('masks e-mail addresses and SIP user parts', () => {
    assert.equal(redact.text('mail margaret.okafor@example.co.uk now'), 'mail [email] now');
    assert.equal(redact.text('sip:1004@pbx.contact.example.com'), 'sip:[email]');
  });

  it('masks card numbers through agent assist’s redactor, grouped or not, Luhn-valid or not', () => {
    assert.equal(redact.text('card 4111 1111 1111 1111 exp'), 'card [card number] exp');
    assert.equal(redact.text('card 5500-0000-0000-0004'), 'card [card number]');
    assert.equal(redact.text('card 4000 1234 5678 9010'), 'card [card number]');
  });

  it('masks listed names whole, their parts, any case, and Chinese names inside text', () => {
    assert.equal(redact.text('Margaret Okafor asked about OKAFOR account'), '[name] asked about [name] account');
    assert.equal(redact.text('客户王芳来电'), '客户[name]来电');
  });

  it('keeps what support needs: timestamps, IPs, versions, ports, ids', () => {
    const kept = '2026-01-05T09:00:00.000Z 192.168.10.20:7443 v1.22.1 pid 41234 call 3f1c2b7a-6e0d-4c39-9c7e-2a1b5d8e9f01 registered';
    assert.equal(redact.text(kept), kept);
  });

  it('redacts JSON log lines field by field, masks secrets by key, keeps numeric fields', () => {
    const line = JSON.stringify({ level: 30, time: 1767603600000, msg: 'call ringing', remoteNumber: '+442079460321', remoteName: 'Margaret Okafor', password: 'hunter22', user: 1002 });
    const out = JSON.parse(redact.line(line));
    assert.deepEqual(out, { level: 30, time: 1767603600000, msg: 'call ringing', remoteNumber: '[phone]', remoteName: '[name]', password: '[secret]', user: '[phone]' });
  });
});

// Customer numbers and names never reach a log file in clear: read back from what createLogger wrote.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLogger, LOG_FILE_NAME, logMasking } from './logger';
import { createLogMasking } from './logMasking';

function writtenLines(write: (log: ReturnType<typeof createLogger>) => void): { text: string; lines: Record<string, unknown>[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-log-mask-'));
  const log = createLogger({ dir });
  write(log);
  log.flush();
  const text = readFileSync(path.join(dir, LOG_FILE_NAME), 'utf8');
  return { text, lines: text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('log masking at write time', () => {
  it('keeps only the last digits of customer numbers, in fields, messages, child loggers and errors', () => {
    const { text, lines } = writtenLines((log) => {
      log.info({ call: { id: 'c1', remoteNumber: '+44 20 7946 0321', direction: 'inbound' } }, 'call ringing');
      log.child({ component: 'outbox' }).warn(`call back on 020 7946 0999 or 13812345678`);
      log.error({ err: new Error('gateway refused the note for +442079460321') }, 'sync failed');
    });
    assert.doesNotMatch(text, /7946\s?0321|442079460321|020 7946 0999|13812345678/);
    assert.deepEqual((lines[0]!.call as Record<string, unknown>).remoteNumber, '[phone …0321]');
    assert.equal(lines[1]!.msg, 'call back on [phone …0999] or [phone …5678]');
    assert.match(JSON.stringify(lines[2]!.err), /\[phone …0321\]/);
    assert.equal(lines[0]!.level, 30, 'pino fields are untouched');
  });

  it('hashes names in name fields, the same name the same way, and masks numeric SIP users', () => {
    const { text, lines } = writtenLines((log) => {
      log.info({ remoteName: 'Margaret Okafor', remoteNumber: '1002' }, 'ringing');
      log.info({ customerName: 'Margaret Okafor' }, 'context');
      log.info({ source: 'engine', engine: { from: 'sip:1002@127.0.0.1' } }, 'INVITE from sip:+447700900123@pbx.example.com');
    });
    assert.doesNotMatch(text, /Margaret|Okafor|447700900123|sip:1002@/);
    assert.match(String(lines[0]!.remoteName), /^\[name [0-9a-f]{8}\]$/);
    assert.equal(lines[0]!.remoteName, lines[1]!.customerName);
    assert.equal(lines[0]!.remoteNumber, '[phone …02]');
    assert.equal(lines[2]!.msg, 'INVITE from sip:[phone …0123]@pbx.example.com');
  });

  it('masks callers the app has met wherever they appear, engine-forwarded free text included', () => {
    const { text } = writtenLines((log) => {
      logMasking(log)!.remember({ names: ['王芳', 'Margaret Okafor'], numbers: ['1002'] });
      log.warn({ source: 'engine' }, 'cannot dial 1002: 王芳 hung up; Okafor called again');
    });
    assert.doesNotMatch(text, /1002|王芳|Okafor/);
  });

  it('leaves what is not personal alone: dates, versions, addresses, ids and durations', () => {
    const masking = createLogMasking();
    const plain = 'on 2026-12-06 build 1.13.8 at 127.0.0.1:5060 id 550e8400-e29b-41d4-a716-446655440000 took 1234 ms';
    assert.equal(masking.text(plain), plain);
  });
});

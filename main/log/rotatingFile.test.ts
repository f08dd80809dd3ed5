import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from './logger';
import { RotatingFileStream } from './rotatingFile';

describe('rotating log file', () => {
  it('caps disk use: rotates at the size limit and keeps only the newest files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-log-'));
    const file = path.join(dir, 'hearthline.log');
    const stream = new RotatingFileStream({ file, maxBytes: 100, keep: 2 });
    for (let line = 1; line <= 20; line += 1) stream.write(`line ${String(line).padStart(2, '0')} ${'x'.repeat(30)}\n`);
    assert.deepEqual(readdirSync(dir).sort(), ['hearthline.log', 'hearthline.log.1', 'hearthline.log.2']);
    for (const name of readdirSync(dir)) assert.ok(readFileSync(path.join(dir, name)).length <= 100, `${name} is within the limit`);
    // Newest lines are in the current file, the ones before in .1, then .2; older ones are gone.
    assert.match(readFileSync(file, 'utf8'), /line 19[\s\S]*line 20/);
    assert.match(readFileSync(`${file}.1`, 'utf8'), /line 17[\s\S]*line 18/);
    assert.doesNotMatch(RotatingFileStream.files(file, 2).map((name) => readFileSync(name, 'utf8')).join(''), /line 01/);
  });

  it('is what the logger writes hearthline.log through, continuing an existing file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-log-'));
    createLogger({ dir, maxFileBytes: 2000, keepFiles: 3 }).info({ n: 1 }, 'first run');
    const log = createLogger({ dir, maxFileBytes: 2000, keepFiles: 3 });
    for (let n = 0; n < 100; n += 1) log.info({ n }, 'second run');
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ['hearthline.log', 'hearthline.log.1', 'hearthline.log.2', 'hearthline.log.3']);
    const lines = readFileSync(path.join(dir, 'hearthline.log'), 'utf8').trim().split('\n');
    assert.equal(JSON.parse(lines.at(-1) ?? '{}').n, 99, 'structured JSON lines');
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { redactText } from '../assist/redaction';
import { createLogger, silentLogger } from '../log/logger';
import { mergeReadings } from '../policy/policyService';
import { resolveSettings } from '../policy/resolveSettings';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import { DiagnosticsService, type DiagnosticsServiceDeps } from './diagnosticsService';
import { DEMO_CUSTOMERS } from './fixtures/demoCustomers';

const TOKEN = 'upload-token-5f1e9a7c';
const policy = mergeReadings([
  { origin: '/etc/hearthline/policy.json', values: { updateMode: 'notify', diagnosticsUploadToken: TOKEN, wrapUpSeconds: 45 }, problems: [] },
]);

/** A day of logs the way the app writes them: main, engine and wrap-up lines, rotated, full of customer data. */
function writeDemoLogs(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-diag-logs-'));
  const log = createLogger({ dir, maxFileBytes: 4000, keepFiles: 3 });
  for (const [index, customer] of DEMO_CUSTOMERS.entries()) {
    const callId = `call-${index}`;
    log.info({ call: { id: callId, remoteNumber: customer.phone, remoteName: customer.name, direction: 'inbound' } }, 'call ringing');
    log.child({ component: 'engine' }).info({ data: { from: `sip:${customer.extension}@127.0.0.1`, user: Number(customer.extension) } }, `INVITE from ${customer.extension} (${customer.name})`);
    log.info({ callId, mos: 4.2, rttMs: 40 }, 'call quality');
    log.warn({ noteId: `note-${index}` }, `wrap-up note: ${customer.name} paid with card ${customer.card}, call back on ${customer.phone} or mail ${customer.email}`);
    log.error({ err: { message: `gateway refused note for ${customer.email}` } }, 'sync failed');
    for (let filler = 0; filler < 10; filler += 1) log.info({ callId, filler }, 'registered; keep-alive OPTIONS 200');
  }
  return dir;
}

function service(overrides: Partial<DiagnosticsServiceDeps> = {}): DiagnosticsService {
  return new DiagnosticsService({
    logDir: writeDemoLogs(),
    outputDir: mkdtempSync(path.join(os.tmpdir(), 'hl-diag-out-')),
    versions: () => ({ app: '1.0.0', electron: '39.5.0', node: process.versions.node, os: 'linux 6.1' }),
    policy: () => policy,
    settings: () => resolveSettings(DEFAULT_SETTINGS, { autoAnswer: true }, policy.policy),
    appState: () => ({
      registration: { state: 'registered' },
      account: { displayName: 'Agent 1001', sipUri: 'sip:1001@127.0.0.1' },
      calls: DEMO_CUSTOMERS.map((customer, index) => ({ id: `call-${index}`, remoteNumber: customer.extension, remoteName: customer.name, state: 'ended' })),
    }),
    devices: () => [{ kind: 'audioinput', label: 'Jabra Evolve2 65 (0b0e:24b8)' }],
    qualitySamples: () => [{ at: 1767603600000, rttMs: 40, jitterMs: 3, lossPercent: 0.1 }],
    outboxCounts: () => ({ waiting: 2, needsAttention: 1, synced: 14 }),
    knownPii: () => ({ names: DEMO_CUSTOMERS.map((c) => c.name), numbers: DEMO_CUSTOMERS.flatMap((c) => [c.extension, c.phone]) }),
    redactSensitive: redactText,
    upload: () => ({}),
    log: silentLogger(),
    now: () => Date.UTC(2026, 0, 5, 9, 30),
    ...overrides,
  });
}

function unzipText(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

/** Every way a demo customer's data could show up: as written, digits only, local parts, name parts. */
function piiNeedles(): { label: string; pattern: RegExp }[] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const digitsOnly = (text: string) => new RegExp(`(?<!\\d)${escape(text.replace(/\D/g, ''))}(?!\\d)`);
  return DEMO_CUSTOMERS.flatMap((customer) => [
    ...customer.name.split(' ').map((part) => ({ label: `name part ${part}`, pattern: new RegExp(escape(part), 'i') })),
    { label: `extension ${customer.extension}`, pattern: digitsOnly(customer.extension) },
    { label: `phone ${customer.phone}`, pattern: new RegExp(escape(customer.phone)) },
    { label: `phone digits ${customer.phone}`, pattern: digitsOnly(customer.phone) },
    { label: `national number of ${customer.phone}`, pattern: digitsOnly(customer.phone.replace(/^\+\d{2}\s*/, '')) },
    { label: `email ${customer.email}`, pattern: new RegExp(escape(customer.email), 'i') },
    { label: `email local part ${customer.email}`, pattern: new RegExp(escape(customer.email.split('@')[0] ?? ''), 'i') },
    { label: `card ${customer.card}`, pattern: new RegExp(escape(customer.card)) },
    { label: `card digits ${customer.card}`, pattern: digitsOnly(customer.card) },
  ]);
}

describe('diagnostics bundle', () => {
  it('contains no demo customer name, number, e-mail or card anywhere in the zip', async () => {
    const files = unzipText(await service().build());
    const leaks: string[] = [];
    for (const [name, text] of Object.entries(files)) {
      for (const needle of piiNeedles()) if (needle.pattern.test(text)) leaks.push(`${name}: ${needle.label}`);
    }
    assert.deepEqual(leaks, []);
  });

  it('still tells support what happened: rotated logs, versions, policy, devices, quality, outbox counts', async () => {
    const files = unzipText(await service().build());
    const names = Object.keys(files).sort();
    for (const expected of ['manifest.json', 'versions.json', 'policy.json', 'devices.json', 'quality.json', 'outbox.json', 'app-state.json', 'logs/hearthline.log', 'logs/hearthline.log.1']) {
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    }
    const logs = Object.entries(files).filter(([name]) => name.startsWith('logs/')).map(([, text]) => text).join('\n');
    assert.match(logs, /"msg":"call ringing"/);
    // Masked when written (main/log/logMasking.ts): the last digits stay for support.
    assert.match(logs, /"remoteNumber":"\[phone …\d{2,4}\]"/);
    assert.match(logs, /INVITE from \[phone\] \(\[name\]\)/);
    assert.match(logs, /paid with card \[card number\]/);
    assert.equal(JSON.parse(files['outbox.json'] ?? '{}').needsAttention, 1);
    assert.equal(JSON.parse(files['versions.json'] ?? '{}').electron, '39.5.0');
    assert.match(files['devices.json'] ?? '', /Jabra Evolve2 65/);
    const policyFile = JSON.parse(files['policy.json'] ?? '{}');
    assert.equal(policyFile.policy.updateMode, 'notify');
    assert.equal(policyFile.effectiveSettings.wrapUpSeconds.source, 'policy');
    assert.equal(policyFile.effectiveSettings.autoAnswer.source, 'user');
  });

  it('never includes the upload token or other secrets', async () => {
    const files = unzipText(await service().build());
    for (const [name, text] of Object.entries(files)) assert.doesNotMatch(text, new RegExp(TOKEN), name);
    assert.equal(JSON.parse(files['policy.json'] ?? '{}').policy.diagnosticsUploadToken, '[secret]');
  });

  it('saves the bundle locally and reports no upload when policy names no URL', async () => {
    const result = await service().export();
    assert.equal(result.upload, 'notConfigured');
    assert.equal(readFileSync(result.file).length, result.bytes);
    assert.match(path.basename(result.file), /^hearthline-diagnostics-2026-01-05T09-30-00-000Z\.zip$/);
  });

  it('uploads the same bundle to the policy URL with the bearer token', async () => {
    const received: { auth?: string; type?: string; body: Buffer }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ auth: request.headers.authorization, type: request.headers['content-type'], body: Buffer.concat(chunks) });
        response.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/diagnostics`;
      const result = await service({ upload: () => ({ url, token: TOKEN }) }).export();
      assert.equal(result.upload, 'uploaded');
      assert.equal(received.length, 1);
      assert.equal(received[0]?.auth, `Bearer ${TOKEN}`);
      assert.equal(received[0]?.type, 'application/zip');
      assert.deepEqual(received[0]?.body, readFileSync(result.file));
    } finally {
      server.close();
    }
  });

  it('keeps the local copy and says why when the upload fails', async () => {
    const server = createServer((_request, response) => response.writeHead(503, 'Service Unavailable').end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/diagnostics`;
      const result = await service({ upload: () => ({ url, token: TOKEN }) }).export();
      assert.equal(result.upload, 'failed');
      assert.match(result.uploadError ?? '', /503/);
      assert.ok(readFileSync(result.file).length > 0);
    } finally {
      server.close();
    }
  });
});

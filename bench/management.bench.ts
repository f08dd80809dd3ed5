// IT-management benchmark (node --import tsx bench/management.bench.ts): prints markdown tables.
//  1. "Export diagnostics" with the log folder at its cap (5 rotated files × 5 MB of JSON lines full of
//     customer data): time to build the redacted zip, its size, and the longest event-loop stall meanwhile
//     (the main process must keep answering the UI during an export).
//  2. Policy read: the Linux policy file read and validated, p50/p95 over 200 reads.
//  3. Update check against a local generic feed (real HTTP on 127.0.0.1, electron-updater under Node):
//     check + download + sha512 of a 20 MB artifact.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DebUpdater } from 'electron-updater';
import { redactText } from '../main/assist/redaction';
import { DiagnosticsService } from '../main/diagnostics/diagnosticsService';
import { createLogger, silentLogger } from '../main/log/logger';
import { LinuxFilePolicySource } from '../main/policy/linuxFilePolicySource';
import { NO_POLICY, PolicyService } from '../main/policy/policyService';
import { resolveSettings } from '../main/policy/resolveSettings';
import { DEFAULT_SETTINGS } from '../main/settings/defaults';
import { NodeAppAdapter, useNodeHttp } from '../main/updates/nodeUpdaterSupport';
import { startLocalFeed } from '../main/updates/testing/localFeed';
import { UpdateService } from '../main/updates/updateService';

const work = mkdtempSync(path.join(tmpdir(), 'hl-bench-management-'));
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function diagnostics(): Promise<void> {
  const logDir = path.join(work, 'logs');
  const log = createLogger({ dir: logDir });
  for (let n = 0; n < 150_000; n += 1) {
    log.info({ call: { id: `call-${n}`, remoteNumber: '+44 20 7946 0321', remoteName: 'Margaret Okafor' }, n }, 'INVITE from 1002; callback to margaret.okafor@example.co.uk');
  }
  const service = new DiagnosticsService({
    logDir,
    outputDir: path.join(work, 'out'),
    versions: () => ({}),
    policy: () => NO_POLICY,
    settings: () => resolveSettings(DEFAULT_SETTINGS, {}, {}),
    upload: () => ({}),
    log: silentLogger(),
    knownPii: () => ({ names: ['Margaret Okafor'], numbers: ['1002', '+44 20 7946 0321'] }),
    redactSensitive: redactText,
  });
  const rows: string[] = [];
  for (let run = 1; run <= 3; run += 1) {
    let last = performance.now();
    let stall = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last - 5);
      last = now;
    }, 5);
    const started = performance.now();
    const result = await service.export();
    clearInterval(probe);
    rows.push(`| ${run} | ${(performance.now() - started).toFixed(0)} | ${(result.bytes / 1024).toFixed(0)} | ${stall.toFixed(0)} |`);
  }
  console.log('\n### Export diagnostics, log folder at its 25 MB cap\n\n| run | ms | zip KiB | longest event-loop stall ms |\n|---|---|---|---|');
  console.log(rows.join('\n'));
}

async function policyRead(): Promise<void> {
  const dir = path.join(work, 'etc');
  const file = path.join(dir, 'policy.json');
  mkdirSync(dir, { mode: 0o755 });
  writeFileSync(file, JSON.stringify({ updateMode: 'notify', sipServers: ['wss://sbc1.example.com/ws'], wrapUpSeconds: 45, allowedHeadsets: ['0B0E:*'] }));
  chmodSync(file, 0o644);
  const service = new PolicyService([new LinuxFilePolicySource({ file, trustedUid: process.getuid?.() ?? 0 })], silentLogger());
  const times: number[] = [];
  for (let n = 0; n < 200; n += 1) {
    const started = performance.now();
    await service.load();
    times.push(performance.now() - started);
  }
  console.log('\n### Policy read (Linux file, ownership check + parse + validate)\n\n| reads | p50 ms | p95 ms |\n|---|---|---|');
  console.log(`| ${times.length} | ${pct(times, 50).toFixed(2)} | ${pct(times, 95).toFixed(2)} |`);
}

async function updateCheck(): Promise<void> {
  const releaseKey = generateKeyPairSync('ed25519');
  const releasePublicKey = Buffer.from(releaseKey.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
  const rows: string[] = [];
  for (let run = 1; run <= 3; run += 1) {
    const feed = await startLocalFeed({ version: '1.2.0', sizeBytes: 20 * 1024 * 1024, signWith: releaseKey.privateKey });
    const dir = mkdtempSync(path.join(work, 'updater-'));
    const service = new UpdateService({
      settings: () => ({ mode: 'notify', feedUrl: feed.url, channel: 'latest', allowDowngrade: false, publisherNames: ['Hearthline Ltd'], signingKeys: [releasePublicKey] }),
      createUpdater: () => useNodeHttp(new DebUpdater(null, new NodeAppAdapter({ version: '1.0.0', userDataPath: path.join(dir, 'data'), cachePath: path.join(dir, 'cache') }))),
      activity: () => ({ callActive: true, inWrapUp: false, unsyncedOutboxCount: 0 }),
      platform: 'linux',
      currentVersion: '1.0.0',
      configDir: path.join(dir, 'config'),
      log: silentLogger(),
    });
    service.start();
    const started = performance.now();
    await service.check();
    rows.push(`| ${run} | ${(performance.now() - started).toFixed(0)} | ${service.status().state} |`);
    service.dispose();
    await feed.close();
  }
  console.log('\n### Update check + download + sha512 of a 20 MB artifact (local feed, 127.0.0.1)\n\n| run | ms | state after |\n|---|---|---|');
  console.log(rows.join('\n'));
}

async function main(): Promise<void> {
  try {
    await diagnostics();
    await policyRead();
    await updateCheck();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();

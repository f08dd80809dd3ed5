// Diagnostics run agent assist's redactor (handed in as a port by createApp) over everything exported:
// cards that fail Luhn, dates of birth, PINs and one-time codes, in English and Chinese, digits or words.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { defaultConfig } from '../config/appConfig';
import { createApp } from '../app/createApp';
import { createLogger, LOG_FILE_NAME, silentLogger } from '../log/logger';
import { mergeReadings } from '../policy/policyService';
import { resolveSettings } from '../policy/resolveSettings';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import type { EngineHost } from '../calls/engineHost';
import { DiagnosticsService } from './diagnosticsService';

/** Each line carries one sensitive value; `secret` is what must not survive the export. */
const SENSITIVE = [
  { line: 'customer read card 4000 1234 5678 9010 (fails Luhn)', secret: /4000 1234 5678 9010/ },
  { line: 'card number 4000123412341234567 on file', secret: /4000123412341234567/ },
  { line: 'date of birth 14/03/1985 confirmed', secret: /14\/03\/1985/ },
  { line: 'my PIN is 4821', secret: /4821/ },
  { line: 'one-time code 583920 read back', secret: /583920/ },
  { line: 'the code is five eight three nine two zero', secret: /five eight three nine two zero/ },
  { line: '卡号 6222 0212 3456 7890 123', secret: /6222 0212 3456 7890 123/ },
  { line: '出生日期是一九八五年三月十四号', secret: /一九八五年三月十四/ },
  { line: '驗證碼是五八三九二零', secret: /五八三九二零/ },
  { line: '验证码 583921', secret: /583921/ },
  { line: 'PIN 係 4 8 2 2', secret: /4 8 2 2/ },
];

const policy = mergeReadings([]);
const unzipText = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
const host: EngineHost = { launch: async () => undefined, dispose: async () => undefined, onGone: () => undefined };

function logsWithSensitiveData(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-diag-sensitive-'));
  const log = createLogger({ dir });
  for (const { line } of SENSITIVE) log.warn({ component: 'assist', at: '2026-12-06T09:00:00.000Z' }, line);
  log.flush();
  return dir;
}

function assertNothingSensitive(files: Record<string, string>): void {
  const everything = Object.values(files).join('\n');
  for (const { line, secret } of SENSITIVE) assert.doesNotMatch(everything, secret, `left in the export: ${line}`);
}

describe('diagnostics export: the assist redactor over everything', () => {
  it('masks what the assist redactor masks, in logs and in app state, keeping timestamps readable', async () => {
    const service = new DiagnosticsService({
      logDir: logsWithSensitiveData(),
      outputDir: mkdtempSync(path.join(os.tmpdir(), 'hl-diag-out-')),
      versions: () => ({ app: '1.0.0' }),
      policy: () => policy,
      settings: () => resolveSettings(DEFAULT_SETTINGS, {}, {}),
      appState: () => ({ lastNotice: SENSITIVE.map(({ line }) => line).join(' / ') }),
      redactSensitive: (text) => ({ text: text.replace(/4821/g, '[PIN]') }),
      upload: () => ({}),
      log: silentLogger(),
    });
    const files = unzipText(await service.build());
    assert.match(files['logs/hearthline.log'] ?? '', /\[PIN\]/, 'the port’s redactor ran over the logs');
    assert.match(files['app-state.json'] ?? '', /\[PIN\]/, 'and over the app state');
    assert.match(files['logs/hearthline.log'] ?? '', /"at":"2026-12-06T09:00:00.000Z"/, 'timestamps stay readable');
  });

  it('gets agent assist’s redactor from createApp: nothing sensitive leaves in the bundle', async () => {
    const logDir = logsWithSensitiveData();
    const outputDir = mkdtempSync(path.join(os.tmpdir(), 'hl-diag-app-'));
    writeFileSync(path.join(outputDir, '.keep'), '');
    const app = createApp({ log: silentLogger(), engineHost: host, config: { config: defaultConfig() }, assist: false, management: { logDir, diagnosticsDir: outputDir } });
    try {
      const files = unzipText(await app.management.diagnostics.build());
      assert.ok(files[`logs/${LOG_FILE_NAME}`], 'the logs are in the bundle');
      assertNothingSensitive(files);
      assert.match(files[`logs/${LOG_FILE_NAME}`] ?? '', /\[one-time code\]/);
      assert.match(files[`logs/${LOG_FILE_NAME}`] ?? '', /\[date of birth\]/);
    } finally {
      await app.dispose();
    }
  });
});

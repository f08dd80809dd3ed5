// "Export diagnostics": one zip an agent can hand to IT. Logs are redacted line by line, policy secrets are
// masked, the outbox is counted but not shown. Saved on the laptop; uploaded too when policy names a URL.
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SECRET_POLICY_KEYS, type PolicyKey } from '../../common/contract/policy';
import type { DiagnosticsResult } from '../../common/contract/settings';
import type { Logger } from '../log/logger';
import { LOG_FILE_NAME } from '../log/logger';
import { RotatingFileStream } from '../log/rotatingFile';
import type { EffectivePolicy } from '../policy/policyService';
import type { ResolvedSettings } from '../policy/resolveSettings';
import { createRedactor, MASK, type KnownPii, type SensitiveRedactor } from './redact';

export interface DiagnosticsSources {
  /** Folder holding hearthline.log and its rotated copies (main, engine and bridge lines). */
  logDir?: string;
  versions: () => Record<string, string>;
  policy: () => EffectivePolicy;
  settings: () => ResolvedSettings;
  /** App state for support (registration, engine, calls); redacted like everything else. */
  appState?: () => unknown;
  /** Audio devices and headsets as the engine last reported them. */
  devices?: () => unknown;
  qualitySamples?: () => readonly unknown[];
  /** Outbox counts only: never the notes themselves. */
  outboxCounts?: () => unknown;
  /** Names and numbers the app knows about (call history, outbox customers), masked wherever they appear. */
  knownPii?: () => KnownPii;
  /** Cards, dates of birth, PINs, one-time codes…: agent assist's redactor, handed in by createApp. */
  redactSensitive: SensitiveRedactor;
}

export interface DiagnosticsServiceDeps extends DiagnosticsSources {
  /** Where bundles are saved. */
  outputDir: string;
  /** Upload target and bearer token, from policy; no URL → save only. */
  upload: () => { url?: string; token?: string };
  log: Logger;
  now?: () => number;
  fetch?: typeof fetch;
  uploadTimeoutMs?: number;
}

/** Bundles are capped so an upload stays reasonable on home broadband. */
const MAX_LOG_BYTES_PER_FILE = 5 * 1024 * 1024;
/** Redacting is CPU work (~30 µs a line): yield to the event loop between slices so IPC stays responsive. */
const LINES_PER_SLICE = 500;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsServiceDeps) {}

  /** Builds the zip (for tests and for export), without holding the main process for long. */
  async build(createdAt = (this.deps.now ?? Date.now)()): Promise<Uint8Array> {
    const redact = createRedactor(this.deps.knownPii?.() ?? {}, this.deps.redactSensitive);
    const json = (value: unknown) => strToU8(`${JSON.stringify(redact.value(value), null, 2)}\n`);
    const files: Record<string, Uint8Array> = {};
    const problems: string[] = [];
    const attempt = (name: string, produce: () => unknown) => {
      try {
        files[name] = json(produce());
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    };

    attempt('versions.json', () => this.deps.versions());
    attempt('policy.json', () => {
      const effective = this.deps.policy();
      const resolved = this.deps.settings();
      return {
        policy: maskSecrets(effective.policy),
        origins: effective.origins,
        sources: effective.sources,
        problems: effective.problems,
        effectiveSettings: Object.fromEntries(
          Object.entries(maskSecrets(resolved.values)).map(([key, value]) => [key, { value, source: resolved.sources[key as PolicyKey] }]),
        ),
      };
    });
    attempt('devices.json', () => this.deps.devices?.() ?? { reported: false, note: 'The call engine has not reported its devices.' });
    attempt('quality.json', () => ({ samples: this.deps.qualitySamples?.() ?? [] }));
    attempt('outbox.json', () => this.deps.outboxCounts?.() ?? { available: false });
    if (this.deps.appState) attempt('app-state.json', () => this.deps.appState?.());

    const logs = this.deps.logDir ? RotatingFileStream.files(path.join(this.deps.logDir, LOG_FILE_NAME), 16) : [];
    for (const file of logs) {
      try {
        const raw = readFileSync(file);
        const lines = raw.subarray(Math.max(0, raw.length - MAX_LOG_BYTES_PER_FILE)).toString('utf8').split('\n');
        for (let start = 0; start < lines.length; start += LINES_PER_SLICE) {
          for (let index = start; index < Math.min(lines.length, start + LINES_PER_SLICE); index += 1) {
            if (lines[index]) lines[index] = redact.line(lines[index]!);
          }
          await nextTick();
        }
        files[`logs/${path.basename(file)}`] = strToU8(lines.join('\n'));
      } catch (error) {
        problems.push(`${path.basename(file)}: ${(error as Error).message}`);
      }
    }

    files['manifest.json'] = json({
      createdAt: new Date(createdAt).toISOString(),
      contents: Object.keys(files).sort(),
      redaction: 'Phone numbers, e-mail addresses, card numbers, dates of birth, PINs, one-time codes, passwords, known customer names and numbers, and secrets are masked.',
      problems,
    });
    return zipInSlices(files, createdAt);
  }

  async export(): Promise<DiagnosticsResult> {
    const createdAt = (this.deps.now ?? Date.now)();
    const bundle = await this.build(createdAt);
    mkdirSync(this.deps.outputDir, { recursive: true, mode: 0o700 });
    const stamp = new Date(createdAt).toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.deps.outputDir, `hearthline-diagnostics-${stamp}.zip`);
    writeFileSync(file, bundle, { mode: 0o600 });
    this.deps.log.info({ file, bytes: bundle.length }, 'diagnostics saved');

    const { url, token } = this.deps.upload();
    if (!url) return { file, bytes: bundle.length, upload: 'notConfigured' };
    try {
      const response = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${path.basename(file)}"`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: new Uint8Array(bundle),
        signal: AbortSignal.timeout(this.deps.uploadTimeoutMs ?? 60_000),
      });
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
      this.deps.log.info({ url, status: response.status }, 'diagnostics uploaded');
      return { file, bytes: bundle.length, upload: 'uploaded' };
    } catch (error) {
      const message = (error as Error).message;
      this.deps.log.warn({ url, err: message }, 'diagnostics upload failed; the bundle is saved locally');
      return { file, bytes: bundle.length, upload: 'failed', uploadError: message.slice(0, 1000) };
    }
  }
}

/** Deflates in 256 KiB slices with a yield between them: a 25 MB bundle never stalls the main process for long. */
async function zipInSlices(files: Record<string, Uint8Array>, mtime: number): Promise<Uint8Array> {
  const SLICE = 256 * 1024;
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  const archive = new Zip((error, data) => {
    if (error) failure = error;
    else parts.push(data);
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    archive.add(entry);
    if (data.length === 0) entry.push(data, true);
    for (let offset = 0; offset < data.length; offset += SLICE) {
      entry.push(data.subarray(offset, offset + SLICE), offset + SLICE >= data.length);
      await nextTick();
    }
  }
  archive.end();
  if (failure) throw failure;
  return Buffer.concat(parts);
}

function maskSecrets<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, SECRET_POLICY_KEYS.has(key as PolicyKey) && value !== undefined ? MASK.secret : value]),
  ) as T;
}

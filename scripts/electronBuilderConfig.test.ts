// electron-builder.yml checked as far as this Linux machine allows: electron-builder's own schema validation,
// the security-relevant keys, and a real `electron-builder --linux dir` run of the same config on a tiny app
// with a stand-in Electron binary carrying the fuse sentinel, so the fuses and asar it produces can be read
// back. Installers (NSIS, MSI, dmg, AppImage, deb), signing and notarisation need their own machines.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { MAC_PREFERENCE_DOMAIN } from '../main/policy/macManagedPreferencesSource';
import { DEFAULT_PUBLISHER_NAMES, DEFAULT_UPDATE_FEED_URL } from '../main/settings/defaults';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..');
const CONFIG_FILE = 'electron-builder.yml';

interface BuilderConfig {
  appId: string;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string; channel: string }[];
  win: { target: string[]; signtoolOptions: { publisherName: string[] }; verifyUpdateCodeSignature: boolean };
  nsis: { perMachine: boolean; oneClick: boolean };
  msi: { perMachine: boolean; upgradeCode: string };
  mac: { target: string[]; hardenedRuntime: boolean; notarize: boolean; entitlements: string };
  linux: { target: string[] };
  [key: string]: unknown;
}

// electron-builder's internal loader and validator: the same code `electron-builder` runs before building.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const builderConfig = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DebugLogger, log: builderLog } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown; log: { stream: NodeJS.WritableStream } };
// electron-builder logs to stdout, which node:test uses for its own messages from this test process.
builderLog.stream = process.stderr;

/** Fuse states as bytes in the wire: '1' on, '0' off (@electron/fuses does not export its FuseState enum). */
const ON = 0x31;
const OFF = 0x30;

const loadConfig = () => builderConfig.getConfig(repo, CONFIG_FILE, null);
const validate = (config: unknown) => builderConfig.validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation, which does reject unknown keys', async () => {
    const config = await loadConfig();
    await validate(config);
    await assert.rejects(validate({ ...config, electronFusez: {} }), /unknown property 'electronFusez'/);
  });

  it('sets every fuse the security baseline asks for', async () => {
    const { electronFuses } = await loadConfig();
    assert.deepEqual(electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds every installer IT asked for, per machine, with hardened and notarised macOS builds', async () => {
    const config = await loadConfig();
    assert.deepEqual(config.win.target, ['nsis', 'msi']);
    assert.equal(config.nsis.perMachine, true);
    assert.equal(config.msi.perMachine, true);
    assert.match(config.msi.upgradeCode, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(config.mac.target, ['dmg', 'zip']);
    assert.equal(config.mac.hardenedRuntime, true);
    assert.equal(config.mac.notarize, true);
    assert.match(readFileSync(path.join(repo, config.mac.entitlements), 'utf8'), /com\.apple\.security\.device\.audio-input/);
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  });

  it('packs the app into asar, unpacks native modules, and rebuilds them for Electron', async () => {
    const config = await loadConfig();
    assert.equal(config.asar, true);
    assert.ok(config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3-multiple-ciphers')));
    assert.ok(config.asarUnpack.includes('**/*.node'));
    assert.equal(config.npmRebuild, true);
    assert.equal(config.buildDependenciesFromSource, false);
  });

  it('publishes to the generic feed the app checks, with the publisher name the app enforces', async () => {
    const config = await loadConfig();
    assert.deepEqual(config.publish, [{ provider: 'generic', url: DEFAULT_UPDATE_FEED_URL, channel: 'latest' }]);
    assert.deepEqual(config.win.signtoolOptions.publisherName, DEFAULT_PUBLISHER_NAMES);
    assert.equal(config.win.verifyUpdateCodeSignature, true);
    assert.equal(config.appId, MAC_PREFERENCE_DOMAIN, 'macOS reads policy from the preference domain named after the app id');
  });

  it('really flips the fuses and builds the asar when electron-builder runs (Linux dir target, stand-in Electron)', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-package-'));
    cpSync(path.join(repo, CONFIG_FILE), path.join(dir, CONFIG_FILE));
    cpSync(path.join(repo, 'build'), path.join(dir, 'build'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hearthline', productName: 'Hearthline', version: '1.2.3', description: 'x', author: 'Hearthline Ltd', main: 'dist/main/electron.js' }));
    for (const file of ['dist/main/electron.js', 'dist/main/electron.js.map', 'dist/main/headless.js', 'dist/renderer/ui.js', 'dist/renderer/bridge-ui.js']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), '// stand-in\n');
    }
    // A stand-in Electron: any file holding the fuse sentinel, then wire version 1, 8 fuses in Electron's defaults.
    const electronDist = path.join(dir, 'electron-dist');
    mkdirSync(electronDist);
    const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
    writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length, ...defaults])]));
    chmodSync(path.join(electronDist, 'electron'), 0o755);

    await run(path.join(repo, 'node_modules', '.bin', 'electron-builder'), ['--linux', 'dir', '--projectDir', dir, `-c.electronDist=${electronDist}`, '-c.electronVersion=39.5.0'], {
      cwd: dir,
      env: { ...process.env, ELECTRON_BUILDER_CACHE: path.join(dir, 'cache') },
    });
    const unpacked = path.join(dir, 'release', 'linux-unpacked');
    const wire = await getCurrentFuseWire(path.join(unpacked, 'hearthline'));
    const state = (fuse: FuseV1Options) => (Number(wire[fuse]) === ON ? 'on' : Number(wire[fuse]) === OFF ? 'off' : 'other');
    assert.deepEqual(
      {
        runAsNode: state(FuseV1Options.RunAsNode),
        cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
        nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
        inspect: state(FuseV1Options.EnableNodeCliInspectArguments),
        asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
        onlyAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
        fileProtocolPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
      },
      { runAsNode: 'off', cookieEncryption: 'on', nodeOptions: 'off', inspect: 'off', asarIntegrity: 'on', onlyAsar: 'on', fileProtocolPrivileges: 'off' },
    );
    const files = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    assert.ok(files.includes('/dist/main/electron.js'));
    assert.ok(files.includes('/dist/renderer/ui.js'));
    assert.deepEqual(files.filter((file) => /headless|bridge-|\.map$/.test(file)), [], 'no headless host, bridges or source maps in the app');
    assert.match(readFileSync(path.join(unpacked, 'resources', 'app-update.yml'), 'utf8'), new RegExp(`url: ${DEFAULT_UPDATE_FEED_URL}`));
  });
});

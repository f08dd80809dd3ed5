// The updater against a real HTTP feed on 127.0.0.1: electron-updater's own feed parsing, staging, channel
// and sha512 logic run unchanged under Node (custom app adapter + Node HTTP executor); only the final
// install step, which needs Electron and the OS installer, is recorded instead of run.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DebUpdater, NsisUpdater, type AppUpdater } from 'electron-updater';
import { ServiceError } from '../ipc/errors';
import { silentLogger } from '../log/logger';
import { ManualScheduler } from '../time/manualScheduler';
import { NodeAppAdapter, useNodeHttp } from './nodeUpdaterSupport';
import { startLocalFeed, type FeedRelease, type LocalFeed } from './testing/localFeed';
import type { UpdateGateInput } from './updateGate';
import { UpdateService, type UpdateSettings } from './updateService';

/** The release key (its public half is pinned in the harness settings) and a stranger's key. */
const releaseKey = generateKeyPairSync('ed25519');
const strangerKey = generateKeyPairSync('ed25519');
const RELEASE_PUBLIC_KEY = Buffer.from(releaseKey.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');

const feeds: LocalFeed[] = [];
after(async () => {
  await Promise.all(feeds.map((feed) => feed.close()));
});

/** A feed as the release pipeline publishes it: signed with the release key unless the test says otherwise. */
async function feed(release: FeedRelease): Promise<LocalFeed> {
  const started = await startLocalFeed({ signWith: releaseKey.privateKey, ...release });
  feeds.push(started);
  return started;
}

function adapter(version: string): NodeAppAdapter {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-updater-'));
  return new NodeAppAdapter({ version, userDataPath: path.join(dir, 'userData'), cachePath: path.join(dir, 'cache') });
}

/** DebUpdater as shipped, minus running dpkg: the install calls are recorded. */
class RecordingDebUpdater extends DebUpdater {
  readonly installs: string[] = [];
  constructor(version: string) {
    super(null, adapter(version));
    useNodeHttp(this);
  }
  override quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    this.installs.push(`quitAndInstall silent=${isSilent} relaunch=${isForceRunAfter}`);
  }
  override install(): boolean {
    this.installs.push('install at quit');
    return true;
  }
}

const idle: UpdateGateInput = { callActive: false, inWrapUp: false, unsyncedOutboxCount: 0 };

interface Harness {
  service: UpdateService;
  updaters: AppUpdater[];
  activity: UpdateGateInput;
  notices: string[];
  installs(): string[];
}

function harness(settings: Partial<UpdateSettings> & { feedUrl: string | undefined }, options: { version?: string; platform?: NodeJS.Platform; create?: () => AppUpdater } = {}): Harness {
  const updaters: AppUpdater[] = [];
  const notices: string[] = [];
  const h: Harness = {
    updaters,
    notices,
    activity: { ...idle },
    installs: () => updaters.flatMap((updater) => (updater instanceof RecordingDebUpdater ? updater.installs : [])),
    service: undefined as unknown as UpdateService,
  };
  h.service = new UpdateService({
    settings: () => ({ mode: 'auto', channel: 'latest', allowDowngrade: false, publisherNames: ['Hearthline Ltd'], signingKeys: [RELEASE_PUBLIC_KEY], ...settings }),
    createUpdater: () => {
      const updater = options.create?.() ?? new RecordingDebUpdater(options.version ?? '1.0.0');
      updaters.push(updater);
      return updater;
    },
    activity: () => h.activity,
    platform: options.platform ?? 'linux',
    currentVersion: options.version ?? '1.0.0',
    configDir: mkdtempSync(path.join(os.tmpdir(), 'hl-update-config-')),
    log: silentLogger(),
    scheduler: new ManualScheduler(),
    notify: (key, values) => notices.push(`${key} ${values?.version ?? ''}`.trim()),
  });
  h.service.start();
  return h;
}

describe('updates from a real local feed', () => {
  it('finds a newer version, downloads and verifies it, and installs at once when the agent is idle', async () => {
    const server = await feed({ version: '1.2.0' });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.service.status().availableVersion, '1.2.0');
    assert.equal(h.service.status().state, 'installing');
    assert.deepEqual(h.installs(), ['quitAndInstall silent=true relaunch=true']);
    assert.ok(server.requests.includes('/feed/latest-linux.yml'));
    assert.ok(server.requests.includes(`/feed/${server.artifactName}`));
    assert.deepEqual(h.notices, ['notice.updateReadyAuto 1.2.0']);
  });

  it('rejects a file whose sha512 does not match the feed, and installs nothing', async () => {
    const server = await feed({ version: '1.2.0', tamper: true });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.service.status().state, 'error');
    assert.match(h.service.status().error ?? '', /sha512 checksum mismatch/);
    assert.deepEqual(h.installs(), []);
    assert.deepEqual(h.notices, []);
  });

  it('never installs an older version, even on a channel (which would silently allow downgrades)', async () => {
    const server = await feed({ version: '0.9.0', channel: 'beta' });
    const h = harness({ feedUrl: server.url, channel: 'beta' }, { version: '1.0.0' });
    await h.service.check();
    assert.ok(server.requests.includes('/feed/beta-linux.yml'), 'the channel picks the feed file');
    assert.equal(h.updaters[0]?.allowDowngrade, false);
    assert.equal(h.service.status().state, 'idle');
    assert.equal(server.requests.includes(`/feed/${server.artifactName}`), false);
    assert.deepEqual(h.installs(), []);
  });

  it('rolls back to an older version only when policy allows downgrades', async () => {
    const server = await feed({ version: '0.9.0', channel: 'beta' });
    const h = harness({ feedUrl: server.url, channel: 'beta', allowDowngrade: true }, { version: '1.0.0' });
    await h.service.check();
    assert.equal(h.service.status().availableVersion, '0.9.0');
    assert.equal(h.installs().length, 1);
  });

  it('gives nobody the update while the staged rollout is at 0 %', async () => {
    const server = await feed({ version: '1.2.0', stagingPercentage: 0 });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.service.status().state, 'idle');
    assert.equal(server.requests.includes(`/feed/${server.artifactName}`), false);
    assert.deepEqual(h.installs(), []);
  });

  it('gives everybody the update at 100 %', async () => {
    const server = await feed({ version: '1.2.0', stagingPercentage: 100 });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.installs().length, 1);
  });

  it('downloads during a call but waits, then installs as soon as the agent is idle', async () => {
    const server = await feed({ version: '1.2.0' });
    const h = harness({ feedUrl: server.url });
    h.activity = { callActive: true, inWrapUp: false, unsyncedOutboxCount: 0 };
    await h.service.check();
    assert.equal(h.service.status().state, 'ready');
    assert.deepEqual(h.service.status().deferredBecause, ['callActive']);
    assert.deepEqual(h.installs(), []);
    assert.throws(() => h.service.installNow(), (error: unknown) => error instanceof ServiceError && error.code === 'conflict' && /call is in progress/.test(error.message));

    // The call ends and wrap-up starts, with a note not yet synced: still waiting.
    h.activity = { callActive: false, inWrapUp: true, unsyncedOutboxCount: 1 };
    h.service.activityChanged();
    assert.deepEqual(h.service.status().deferredBecause, ['wrapUp', 'unsyncedOutbox']);
    h.activity = { callActive: false, inWrapUp: false, unsyncedOutboxCount: 1 };
    h.service.activityChanged();
    assert.deepEqual(h.installs(), []);

    h.activity = { ...idle };
    h.service.activityChanged();
    assert.deepEqual(h.installs(), ['quitAndInstall silent=true relaunch=true']);
    assert.equal(h.service.status().deferredBecause, undefined);
  });

  it('in notify mode tells the agent and installs only when they ask (or at quit)', async () => {
    const server = await feed({ version: '1.2.0' });
    const h = harness({ feedUrl: server.url, mode: 'notify' });
    await h.service.check();
    assert.equal(h.service.status().state, 'ready');
    assert.deepEqual(h.notices, ['notice.updateReady 1.2.0']);
    assert.deepEqual(h.installs(), []);
    h.service.installNow();
    assert.deepEqual(h.installs(), ['quitAndInstall silent=true relaunch=true']);
  });

  it('installs at quit only when nothing is left unsynced', async () => {
    const server = await feed({ version: '1.2.0' });
    const h = harness({ feedUrl: server.url, mode: 'notify' });
    await h.service.check();
    h.activity = { ...idle, unsyncedOutboxCount: 2 };
    h.service.quitting();
    assert.deepEqual(h.installs(), []);
    h.activity = { ...idle };
    h.service.quitting();
    assert.deepEqual(h.installs(), ['install at quit']);
  });

  it('with update mode off, builds no updater and never contacts the feed', async () => {
    const server = await feed({ version: '1.2.0' });
    const scheduler = new ManualScheduler();
    let built = 0;
    const service = new UpdateService({
      settings: () => ({ mode: 'off', feedUrl: server.url, channel: 'latest', allowDowngrade: false, publisherNames: ['Hearthline Ltd'], signingKeys: [RELEASE_PUBLIC_KEY] }),
      createUpdater: () => {
        built += 1;
        return new RecordingDebUpdater('1.0.0');
      },
      activity: () => idle,
      platform: 'linux',
      currentVersion: '1.0.0',
      configDir: mkdtempSync(path.join(os.tmpdir(), 'hl-update-config-')),
      log: silentLogger(),
      scheduler,
    });
    service.start();
    await service.check();
    await scheduler.advance(48 * 3600_000);
    assert.equal(built, 0);
    assert.deepEqual(server.requests, []);
    assert.equal(service.status().state, 'disabled');
  });

  it('stops contacting the feed when policy switches updates off at run time', async () => {
    const server = await feed({ version: '1.0.0' });
    let mode: UpdateSettings['mode'] = 'auto';
    const scheduler = new ManualScheduler();
    const service = new UpdateService({
      settings: () => ({ mode, feedUrl: server.url, channel: 'latest', allowDowngrade: false, publisherNames: ['Hearthline Ltd'], signingKeys: [RELEASE_PUBLIC_KEY] }),
      createUpdater: () => new RecordingDebUpdater('1.0.0'),
      activity: () => idle,
      platform: 'linux',
      currentVersion: '1.0.0',
      configDir: mkdtempSync(path.join(os.tmpdir(), 'hl-update-config-')),
      log: silentLogger(),
      scheduler,
      firstCheckDelayMs: 1000,
      checkIntervalMs: 3600_000,
    });
    service.start();
    await scheduler.advance(1000, () => service.settled());
    const before = server.requests.length;
    assert.ok(before > 0, 'checked while on');
    mode = 'off';
    service.applySettings();
    await scheduler.advance(48 * 3600_000, () => service.settled());
    assert.equal(server.requests.length, before);
  });
});

describe('Linux update signatures (fail closed)', () => {
  it('refuses a file with a valid sha512 but no signature, and installs nothing', async () => {
    const server = await feed({ version: '1.2.0', signWith: undefined });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.service.status().state, 'error');
    assert.match(h.service.status().error ?? '', /no valid signature/);
    assert.deepEqual(h.installs(), []);
    h.service.quitting();
    assert.deepEqual(h.installs(), [], 'not at quit either');
    assert.deepEqual(h.notices, []);
  });

  it('refuses a file signed with a key that is not pinned, and installs nothing', async () => {
    const server = await feed({ version: '1.2.0', signWith: strangerKey.privateKey });
    const h = harness({ feedUrl: server.url });
    await h.service.check();
    assert.equal(h.service.status().state, 'error');
    assert.match(h.service.status().error ?? '', /no valid signature/);
    assert.deepEqual(h.installs(), []);
  });

  it('installs a file signed with a pinned key (a key IT pins by policy counts too)', async () => {
    const server = await feed({ version: '1.2.0', signWith: strangerKey.privateKey });
    const strangerPublic = Buffer.from(strangerKey.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    const h = harness({ feedUrl: server.url, signingKeys: [strangerPublic] });
    await h.service.check();
    assert.equal(h.service.status().state, 'installing');
    assert.equal(h.installs().length, 1);
  });

  it('refuses to update at all when no signing key is pinned', async () => {
    const server = await feed({ version: '1.2.0' });
    const h = harness({ feedUrl: server.url, signingKeys: [] });
    await h.service.check();
    assert.equal(h.updaters.length, 0);
    assert.equal(h.service.status().state, 'disabled');
    assert.deepEqual(server.requests, []);
  });
});

describe('Windows update signatures (fail closed)', () => {
  it('refuses to update at all when no publisher name is known', async () => {
    const server = await feed({ version: '1.2.0', ext: 'exe' });
    const h = harness({ feedUrl: server.url, publisherNames: [] }, { platform: 'win32' });
    await h.service.check();
    assert.equal(h.updaters.length, 0);
    assert.equal(h.service.status().state, 'disabled');
    assert.match(h.service.status().error ?? '', /no code-signing publisher name/);
    assert.deepEqual(server.requests, []);
  });

  it('hands the publisher names to the signature check and rejects an update not signed by them', async () => {
    const server = await feed({ version: '1.2.0', ext: 'exe' });
    const checked: string[][] = [];
    const create = () => {
      const updater = useNodeHttp(new NsisUpdater(null, adapter('1.0.0')));
      updater.verifyUpdateCodeSignature = async (publisherNames: string[]) => {
        checked.push(publisherNames);
        return 'the file is signed by CN=Someone Else';
      };
      return updater;
    };
    const h = harness({ feedUrl: server.url, publisherNames: ['Hearthline Ltd'] }, { platform: 'win32', create });
    await h.service.check();
    assert.deepEqual(checked, [['Hearthline Ltd']]);
    assert.equal(h.service.status().state, 'error');
    assert.match(h.service.status().error ?? '', /not signed by the application owner/);
  });
});

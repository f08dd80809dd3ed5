// What every setting is when neither the agent nor IT has set it.
import type { Settings } from '../policy/resolveSettings';

/** The generic feed electron-builder.yml publishes to (scripts/electronBuilderConfig.test.ts keeps them equal). */
export const DEFAULT_UPDATE_FEED_URL = 'https://updates.hearthline.example/desktop';
/** The subject of our Windows code-signing certificate (electron-builder.yml win.signtoolOptions.publisherName). */
export const DEFAULT_PUBLISHER_NAMES = ['Hearthline Ltd'];
/** Linux: the release key's Ed25519 public half (base64 of its 32 raw bytes); every Linux update file must
 *  carry a detached signature by it (main/updates/updateSignature.ts). Its private half never enters the repo;
 *  rotate by shipping the new key here alongside the old one for one release. */
export const DEFAULT_UPDATE_SIGNING_KEYS = ['ts5rQbLa38IYX6kxV2F29uiNgZovFVdyySA/cMiQabo='];

export const DEFAULT_SETTINGS: Settings = {
  // ws:// only to this machine unless the agent's configuration (allowInsecureTransport) or IT opts in.
  sipTransport: 'wss',
  updateMode: 'auto',
  updateFeedUrl: DEFAULT_UPDATE_FEED_URL,
  updateChannel: 'latest',
  updateAllowDowngrade: false,
  updatePublisherNames: DEFAULT_PUBLISHER_NAMES,
  updateSigningKeys: DEFAULT_UPDATE_SIGNING_KEYS,
  wrapUpSeconds: 30,
  autoAnswer: false,
  asrProvider: 'local',
  dataRetentionDays: 30,
};

// What every setting is when neither the agent nor IT has set it.
import type { Settings } from '../policy/resolveSettings';

/** The generic feed electron-builder.yml publishes to (scripts/electronBuilderConfig.test.ts keeps them equal). */
export const DEFAULT_UPDATE_FEED_URL = 'https://updates.hearthline.example/desktop';
/** The subject of our Windows code-signing certificate (electron-builder.yml win.signtoolOptions.publisherName). */
export const DEFAULT_PUBLISHER_NAMES = ['Hearthline Ltd'];

export const DEFAULT_SETTINGS: Settings = {
  sipTransport: 'any',
  updateMode: 'auto',
  updateFeedUrl: DEFAULT_UPDATE_FEED_URL,
  updateChannel: 'latest',
  updateAllowDowngrade: false,
  updatePublisherNames: DEFAULT_PUBLISHER_NAMES,
  wrapUpSeconds: 30,
  autoAnswer: false,
  asrProvider: 'local',
  dataRetentionDays: 30,
};

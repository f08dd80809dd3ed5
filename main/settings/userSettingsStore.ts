// The agent's own choices (the settings they may change), kept in a small JSON file in the user's profile.
import { USER_SETTABLE_KEYS } from '../../common/contract/settings';
import type { Logger } from '../log/logger';
import { parsePolicy } from '../policy/parsePolicy';
import { JsonFileStore } from '../store/jsonFile';
import type { Settings } from '../policy/resolveSettings';

export interface UserSettingsStore {
  load(): Settings;
  save(settings: Settings): void;
}

export class MemoryUserSettingsStore implements UserSettingsStore {
  constructor(private settings: Settings = {}) {}
  load(): Settings {
    return { ...this.settings };
  }
  save(settings: Settings): void {
    this.settings = { ...settings };
  }
}

const userSettable = new Set<string>(USER_SETTABLE_KEYS);

/** The agent's file holds only what they may set; anything else in it is ignored (and logged). */
export class JsonFileUserSettingsStore extends JsonFileStore<Settings> implements UserSettingsStore {
  constructor(file: string, log: Logger) {
    super(
      file,
      (raw) => {
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'not a JSON object' };
        const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => userSettable.has(key)));
        const { policy, problems } = parsePolicy(kept, file);
        return { ok: true, value: policy, ignored: problems };
      },
      () => ({}),
      log,
    );
  }
}

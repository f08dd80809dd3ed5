// The agent's own choices (the settings they may change), kept in a small JSON file in the user's profile.
import { readFileSync } from 'node:fs';
import { USER_SETTABLE_KEYS } from '../../common/contract/settings';
import type { Logger } from '../log/logger';
import { parsePolicy } from '../policy/parsePolicy';
import { writeJsonAtomic } from './jsonFile';
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

export class JsonFileUserSettingsStore implements UserSettingsStore {
  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  /** A missing or damaged file means "no choices yet": the agent never loses the app over it. */
  load(): Settings {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn({ err: error, file: this.file }, 'user settings unreadable; using defaults');
      return {};
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => userSettable.has(key)));
    const { policy, problems } = parsePolicy(kept, this.file);
    for (const problem of problems) this.log.warn({ problem }, 'user setting ignored');
    return policy;
  }

  save(settings: Settings): void {
    writeJsonAtomic(this.file, settings);
  }
}

// The agent's device choices (microphone, call audio, ringer, processing per microphone), kept in a
// small JSON file next to the other user settings. Nothing in it is secret; ids and labels only.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { defaultDeviceSettings, DeviceSettingsSchema, type DeviceSettings } from '../../common/contract/devices';
import { describeIssues } from '../../common/contract/wire';
import type { Logger } from '../log/logger';
import { writeJsonAtomic } from '../settings/jsonFile';

export interface DeviceSettingsStore {
  load(): DeviceSettings;
  save(settings: DeviceSettings): void;
}

export class MemoryDeviceSettingsStore implements DeviceSettingsStore {
  constructor(private settings: DeviceSettings = defaultDeviceSettings) {}
  load(): DeviceSettings {
    return structuredClone(this.settings);
  }
  save(settings: DeviceSettings): void {
    this.settings = structuredClone(settings);
  }
}

export class JsonFileDeviceSettingsStore implements DeviceSettingsStore {
  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  /** Missing: defaults. Damaged: defaults, and the file is moved aside (not lost) before it is ever overwritten. */
  load(): DeviceSettings {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(defaultDeviceSettings);
      this.setAside(`unreadable: ${String(error)}`);
      return structuredClone(defaultDeviceSettings);
    }
    const parsed = DeviceSettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.setAside(describeIssues(parsed.error).join('; '));
    return structuredClone(defaultDeviceSettings);
  }

  save(settings: DeviceSettings): void {
    writeJsonAtomic(this.file, settings);
  }

  private setAside(problem: string): void {
    const aside = `${this.file}.damaged-${Date.now()}`;
    try {
      if (existsSync(this.file)) renameSync(this.file, aside);
    } catch {
      // left where it is; the next save replaces it, and the log says what was wrong
    }
    this.log.warn({ file: this.file, aside, problem }, 'device settings damaged; using the system devices until the agent chooses again');
  }
}

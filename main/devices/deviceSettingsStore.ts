// The agent's device choices (microphone, call audio, ringer, processing per microphone), kept in a
// small JSON file next to the other user settings. Nothing in it is secret; ids and labels only.
import { defaultDeviceSettings, DeviceSettingsSchema, type DeviceSettings } from '../../common/contract/devices';
import type { Logger } from '../log/logger';
import { JsonFileStore, schemaReader } from '../store/jsonFile';

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

export class JsonFileDeviceSettingsStore extends JsonFileStore<DeviceSettings> implements DeviceSettingsStore {
  constructor(file: string, log: Logger) {
    super(file, schemaReader(DeviceSettingsSchema), () => structuredClone(defaultDeviceSettings), log);
  }
}

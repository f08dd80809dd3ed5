// The agent's language and theme choice, kept in a small JSON file next to the other user settings.
import { AppearanceSchema, defaultAppearance, type Appearance } from '../../common/contract/appearance';
import type { Logger } from '../log/logger';
import { JsonFileStore, schemaReader } from '../store/jsonFile';

export interface AppearanceStore {
  load(): Appearance;
  save(appearance: Appearance): void;
}

export class MemoryAppearanceStore implements AppearanceStore {
  constructor(private appearance: Appearance = defaultAppearance) {}
  load(): Appearance {
    return { ...this.appearance };
  }
  save(appearance: Appearance): void {
    this.appearance = { ...appearance };
  }
}

export class JsonFileAppearanceStore extends JsonFileStore<Appearance> implements AppearanceStore {
  constructor(file: string, log: Logger) {
    super(file, schemaReader(AppearanceSchema), () => ({ ...defaultAppearance }), log);
  }
}

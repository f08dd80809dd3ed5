// Builds the IT-management adapters for an installed app on this OS: its policy sources (read once before
// start), the agent's settings file, the platform updater, and where diagnostics go. The Electron glue
// passes Electron's paths; nothing here imports electron.
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { policySourcesFor } from '../policy/platformSources';
import { PolicyService } from '../policy/policyService';
import { createPlatformUpdater } from '../updates/platformUpdater';
import type { ManagementAdapters } from './managementModule';
import { JsonFileUserSettingsStore } from './userSettingsStore';

export interface PlatformManagementOptions {
  platform: NodeJS.Platform;
  userDataDir: string;
  logDir: string;
  /** Where "Export diagnostics" saves bundles (the Downloads folder, so the agent can find them). */
  diagnosticsDir: string;
  resourcesPath: string;
  appVersion: string;
  /** Only an installed package can update itself. */
  packaged: boolean;
  versions: () => Record<string, string>;
  log: Logger;
}

export async function managementForPlatform(options: PlatformManagementOptions): Promise<ManagementAdapters> {
  const policy = new PolicyService(policySourcesFor(options.platform), options.log.child({ component: 'policy' }));
  await policy.load();
  return {
    policy,
    userSettings: new JsonFileUserSettingsStore(path.join(options.userDataDir, 'settings.json'), options.log),
    createUpdater: options.packaged ? () => createPlatformUpdater(options.platform, options.resourcesPath) : undefined,
    appVersion: options.appVersion,
    platform: options.platform,
    updateConfigDir: path.join(options.userDataDir, 'updater'),
    diagnosticsDir: options.diagnosticsDir,
    logDir: options.logDir,
    versions: () => ({ ...options.versions(), os: `${os.type()} ${os.release()} ${os.arch()}` }),
  };
}

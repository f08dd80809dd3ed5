// The policy sources of each OS, in precedence order (machine before user).
import { LinuxFilePolicySource } from './linuxFilePolicySource';
import { MacManagedPreferencesSource, managedPreferencesFile } from './macManagedPreferencesSource';
import type { PolicySource } from './policySource';
import { RegExeReader, WindowsRegistryPolicySource } from './windowsRegistryPolicySource';

export interface PlatformSourceOptions {
  /** Linux only: another policy file (tests, the headless host). */
  linuxPolicyFile?: string;
}

export function policySourcesFor(platform: NodeJS.Platform, options: PlatformSourceOptions = {}): PolicySource[] {
  switch (platform) {
    case 'win32': {
      const reader = new RegExeReader();
      return [new WindowsRegistryPolicySource('HKLM', reader), new WindowsRegistryPolicySource('HKCU', reader)];
    }
    case 'darwin':
      return [new MacManagedPreferencesSource(managedPreferencesFile('device')), new MacManagedPreferencesSource(managedPreferencesFile('user'))];
    default:
      return [new LinuxFilePolicySource({ file: options.linuxPolicyFile })];
  }
}

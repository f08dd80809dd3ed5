// macOS policy: a configuration profile's custom settings for our preference domain, which macOS writes to
// /Library/Managed Preferences (device scope) and /Library/Managed Preferences/<user> (user scope). Every
// value there is forced (CFPreferencesAppValueIsForced is true for it), so it is policy.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import plist from 'plist';
import { untrustedBecause } from './fileTrust';
import type { PolicyReading, PolicySource } from './policySource';

/** The app's bundle identifier (electron-builder.yml appId) is the preference domain. */
export const MAC_PREFERENCE_DOMAIN = 'com.hearthline.app';
export const MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';

export interface ManagedPreferencesReader {
  /** The plist's top-level dictionary; null when the file does not exist. */
  read(file: string): Promise<Record<string, unknown> | null>;
}

/** Parses the XML form of a property list. */
export function parsePlistXml(xml: string): Record<string, unknown> {
  const value = plist.parse(xml);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date || Buffer.isBuffer(value)) {
    throw new Error('the property list is not a dictionary');
  }
  return value as Record<string, unknown>;
}

/**
 * Managed preference files are often binary plists, so `plutil -convert xml1` turns them into XML first.
 * The file must be root-owned and not writable by others, like the Linux policy file.
 */
export class PlutilReader implements ManagedPreferencesReader {
  constructor(
    private readonly toXml: (file: string) => Promise<string> = plutilToXml,
    private readonly trustedUid = 0,
  ) {}

  async read(file: string): Promise<Record<string, unknown> | null> {
    let untrusted: string | undefined;
    try {
      untrusted = await untrustedBecause(file, this.trustedUid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (untrusted) throw new Error(`ignored because ${untrusted}`);
    return parsePlistXml(await this.toXml(file));
  }
}

function plutilToXml(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', file], { timeout: 10_000, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

/** For tests and tools: reads an XML plist directly. */
export const xmlFileReader: ManagedPreferencesReader = {
  async read(file) {
    try {
      return parsePlistXml(await readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
};

export type ManagedScope = 'device' | 'user';

export function managedPreferencesFile(scope: ManagedScope, options: { dir?: string; user?: string; domain?: string } = {}): string {
  const dir = options.dir ?? MANAGED_PREFERENCES_DIR;
  const domain = options.domain ?? MAC_PREFERENCE_DOMAIN;
  return scope === 'device' ? path.join(dir, `${domain}.plist`) : path.join(dir, options.user ?? os.userInfo().username, `${domain}.plist`);
}

export class MacManagedPreferencesSource implements PolicySource {
  readonly name: string;

  constructor(
    private readonly file: string,
    private readonly reader: ManagedPreferencesReader = new PlutilReader(),
  ) {
    this.name = `managed-preferences:${file}`;
  }

  async read(): Promise<PolicyReading> {
    const origin = this.file;
    try {
      const values = await this.reader.read(this.file);
      if (!values) return { origin, values: null, problems: [] };
      // Profile bookkeeping keys that MDM tools sometimes leave in the domain.
      const { PayloadType: _t, PayloadUUID: _u, PayloadIdentifier: _i, PayloadVersion: _v, PayloadDisplayName: _d, ...rest } = values;
      return { origin, values: rest, problems: [] };
    } catch (error) {
      return { origin, values: null, problems: [`${origin}: ${(error as Error).message}`] };
    }
  }
}

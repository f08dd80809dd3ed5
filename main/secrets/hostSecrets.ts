// How each host opens its SecretStore and moves a plain password out of the configuration file first.
import { existsSync } from 'node:fs';
import type { Logger } from '../log/logger';
import { DB_KEY_ENV, EnvKeyCustody, FileKeyCustody, type KeyCustody } from '../store/keyCustody';
import { moveSipPasswordOutOfConfig } from './configPassword';
import { EncryptedFileSecretStore, type SecretStore } from './secretStore';

export interface OpenSecretsOptions {
  /** The agent's configuration file; a plain password in it is moved out (main/secrets/configPassword.ts). */
  configFile: string | undefined;
  /** The encrypted secrets file. */
  file: string;
  custody: KeyCustody;
  /** Files whose key the custody already guards (the database): while one exists, no new key is made. */
  guarded?: string[];
  log: Logger;
}

export function openSecrets({ configFile, file, custody, guarded = [], log }: OpenSecretsOptions): SecretStore {
  const secrets = new EncryptedFileSecretStore({ file, custody, allowCreateKey: () => ![file, ...guarded].some((existing) => existsSync(existing)) });
  if (configFile) moveSipPasswordOutOfConfig(configFile, secrets, log.child({ component: 'secrets' }));
  return secrets;
}

/** The headless host's secrets file, named after its configuration file (two agents in one folder keep theirs apart). */
export function secretsFileFor(configFile: string): string {
  return `${configFile.replace(/\.json$/i, '')}.secrets.json`;
}

export interface HeadlessSecretsOptions {
  configFile: string | undefined;
  /** The SQLCipher store's file and custody (--db): the secrets share its key custody. */
  db?: { file: string; custody: KeyCustody };
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
}

/** Headless host: the database's key custody when there is a database, else HEARTHLINE_DB_KEY, else a 0600 key file beside the secrets. */
export function headlessSecrets({ configFile, db, env, log }: HeadlessSecretsOptions): SecretStore | undefined {
  if (!configFile) return undefined;
  const file = secretsFileFor(configFile);
  const custody = db?.custody ?? (env[DB_KEY_ENV] ? new EnvKeyCustody({ ...env }) : new FileKeyCustody(`${file}.key`));
  return openSecrets({ configFile, file, custody, guarded: db ? [db.file] : [], log });
}

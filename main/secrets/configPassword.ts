// Moves a plain SIP password out of the agent's config.json into the SecretStore, once, at start. The
// file is rewritten atomically without it only after the store has it back, so nothing is lost: if the
// store refuses, the file stays as it was and the password is used from it for this run.
import { readFileSync, statSync } from 'node:fs';
import type { Logger } from '../log/logger';
import { writeFileAtomic } from '../store/keyCustody';
import { SIP_PASSWORD, type SecretStore } from './secretStore';

export type PasswordMove = 'moved' | 'none' | { failed: string };

export function moveSipPasswordOutOfConfig(file: string, secrets: SecretStore, log: Logger): PasswordMove {
  let raw: unknown;
  let mode: number;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
    mode = statSync(file).mode & 0o777;
  } catch {
    return 'none'; // a missing or broken file is reported by the config loader (main/config/appConfig.ts)
  }
  const sip = (raw as { sip?: unknown } | null)?.sip;
  if (typeof sip !== 'object' || sip === null || !('password' in sip)) return 'none';
  const password = (sip as { password: unknown }).password;
  try {
    if (typeof password === 'string' && password !== '') {
      secrets.set(SIP_PASSWORD, password);
      if (secrets.get(SIP_PASSWORD) !== password) throw new Error('the secret store did not give the password back');
    }
    delete (sip as { password?: unknown }).password;
    writeFileAtomic(file, `${JSON.stringify(raw, null, 2)}\n`, mode);
  } catch (error) {
    const reason = (error as Error).message;
    log.error({ file, reason }, 'the SIP password could not be moved out of the configuration file; it stays there for now');
    return { failed: reason };
  }
  log.info({ file }, 'SIP password moved out of the configuration file into the secret store');
  return 'moved';
}

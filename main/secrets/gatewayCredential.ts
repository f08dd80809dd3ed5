// The signed-in account's own gateway credential. IT provisions one per account (gateway/cli.ts
// --account-credential) and hands it to the app once through the environment; the app keeps it in the
// SecretStore like the SIP password and uses the kept one from then on, so a restart without the
// variable still acts as the same person. Without one the supervisor paths are off (the gateway
// refuses them to the shared service credential).
import type { Logger } from '../log/logger';
import { GATEWAY_ACCOUNT_CREDENTIAL, type SecretStore } from './secretStore';

export const GATEWAY_ACCOUNT_CREDENTIAL_ENV = 'HEARTHLINE_GATEWAY_ACCOUNT_CREDENTIAL';

export function gatewayAccountCredential(secrets: SecretStore | undefined, env: Readonly<Record<string, string | undefined>>, log: Logger): string | undefined {
  const given = env[GATEWAY_ACCOUNT_CREDENTIAL_ENV]?.trim() || undefined;
  if (!secrets) return given;
  try {
    if (given && secrets.get(GATEWAY_ACCOUNT_CREDENTIAL) !== given) {
      secrets.set(GATEWAY_ACCOUNT_CREDENTIAL, given);
      log.info('the gateway credential of this account is kept in the secret store');
    }
    return secrets.get(GATEWAY_ACCOUNT_CREDENTIAL) ?? given;
  } catch (error) {
    log.error({ reason: (error as Error).message }, 'the gateway credential could not be kept; it is used for this run only');
    return given;
  }
}

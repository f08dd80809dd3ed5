// The agent's SIP account as the engine gets it: the configured account (after IT policy) with the
// password from the SecretStore. Without a password the engine gets no account and the UI asks for it;
// once typed, the password is kept and the engine is told to say hello again (its only way to get it).
import type { EngineAccount } from '../../common/contract/channels';
import { ServiceError } from '../ipc/errors';
import type { EventHub } from '../ipc/hub';
import type { Logger } from '../log/logger';
import type { AppState } from '../session/state';
import { SIP_PASSWORD, type SecretStore } from './secretStore';

export interface SipAccountOptions {
  /** The configured account after IT policy, or null when none is set up (or policy refused it). */
  account: EngineAccount | null;
  /** Where the password is kept; undefined when this host has no way to keep one. */
  secrets: SecretStore | undefined;
  /** A password still in the configuration file (it could not be moved out): used for this run. */
  configPassword: string | undefined;
  state: AppState;
  hub: EventHub;
  log: Logger;
}

export class SipAccount {
  private password: string | undefined;

  constructor(private readonly options: SipAccountOptions) {
    this.password = options.configPassword || this.kept();
  }

  /** Puts the account on the agent's screen (asking for the password when there is none). */
  publish(): void {
    const { account, state } = this.options;
    if (!account) return;
    const passwordMissing = !this.password;
    state.setAccount({ displayName: account.displayName || account.authUser, sipUri: account.sipUri, server: account.wsUri, ...(passwordMissing && { passwordMissing }) });
    state.setRegistration(passwordMissing ? { state: 'unconfigured' } : { state: 'registering' });
  }

  /** What engine.hello hands the engine: null until there is a password. */
  forEngine(): EngineAccount | null {
    const { account } = this.options;
    if (!account || !this.password) return null;
    return { ...account, password: this.password };
  }

  setPassword(password: string): void {
    if (!this.options.account) throw new ServiceError('unavailable', 'No phone account is set up, so there is nothing to sign in to');
    const { secrets, log } = this.options;
    if (!secrets) throw new ServiceError('unavailable', 'This computer has no safe place to keep your password; ask IT');
    try {
      secrets.set(SIP_PASSWORD, password);
    } catch (error) {
      log.error({ reason: (error as Error).message }, 'the SIP password could not be kept');
      throw new ServiceError('unavailable', 'Your password could not be kept safely on this computer; ask IT');
    }
    this.password = password;
    log.info('SIP password kept; the engine signs in with it');
    this.publish();
    this.options.hub.emit('engine', 'engine.accountChanged', {});
  }

  private kept(): string | undefined {
    try {
      return this.options.secrets?.get(SIP_PASSWORD);
    } catch (error) {
      this.options.log.error({ reason: (error as Error).message }, 'the kept SIP password could not be read');
      return undefined;
    }
  }
}

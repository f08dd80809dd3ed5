// Pure: applies the SIP part of policy to the agent's account. IT's server list replaces a server that is
// not on it; "wss" (the default) refuses an account on plain ws:// to another machine rather than
// registering insecurely; only "any" (an explicit opt-in) allows that.
import type { EngineAccount } from '../../common/contract/channels';
import { isSecureOrLoopbackUrl } from '../../common/contract/urls';
import type { Settings } from '../policy/resolveSettings';

export interface AccountUnderPolicy {
  account: EngineAccount | null;
  /** Why the account was not used, in plain words. */
  refused?: string;
}

export function accountUnderPolicy(account: EngineAccount | null, values: Settings): AccountUnderPolicy {
  if (!account) return { account: null };
  const servers = values.sipServers;
  const wsUri = servers && servers.length > 0 && !servers.includes(account.wsUri) ? (servers[0] ?? account.wsUri) : account.wsUri;
  if (values.sipTransport !== 'any' && !isSecureOrLoopbackUrl(wsUri)) {
    return { account: null, refused: `${wsUri} is not a secure (wss://) server, and your organisation allows only secure phone servers.` };
  }
  return { account: wsUri === account.wsUri ? account : { ...account, wsUri } };
}

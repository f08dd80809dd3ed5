// Pure: applies the SIP part of policy to the agent's account. IT's server list replaces a server that is
// not on it; "wss only" refuses an account on plain ws:// rather than registering insecurely. Keypad tone
// timing comes from the entry for the server in use (dtmfTrunkTiming), else from dtmfToneMs/dtmfGapMs.
import type { EngineAccount } from '../../common/contract/channels';
import { parseDtmfTrunkTiming } from '../../common/contract/policy';
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
  if (values.sipTransport === 'wss' && !wsUri.startsWith('wss://')) {
    return { account: null, refused: `${wsUri} is not a secure (wss://) server, and your organisation allows only secure phone servers.` };
  }
  const timing = dtmfTimingFor(wsUri, values);
  if (wsUri === account.wsUri && !timing) return { account };
  return { account: { ...account, wsUri, ...timing } };
}

function dtmfTimingFor(wsUri: string, values: Settings): Pick<EngineAccount, 'dtmfToneMs' | 'dtmfGapMs'> | undefined {
  const trunk = (values.dtmfTrunkTiming ?? []).map(parseDtmfTrunkTiming).find((entry) => entry?.server === wsUri);
  const toneMs = trunk?.toneMs ?? values.dtmfToneMs;
  const gapMs = trunk?.gapMs ?? values.dtmfGapMs;
  if (toneMs === undefined && gapMs === undefined) return undefined;
  return { ...(toneMs !== undefined && { dtmfToneMs: toneMs }), ...(gapMs !== undefined && { dtmfGapMs: gapMs }) };
}

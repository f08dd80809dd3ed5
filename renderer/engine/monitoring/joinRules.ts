// The decisions about joining a call, as pure functions: who is asking (only the identity the SIP server
// asserted counts), whether they may, and what each party hears in each mode.
import { JOIN_MODES, type JoinEndReason, type JoinMode } from '../../../common/contract/monitoring';

export interface SipIdentity {
  user: string;
  /** Host without a port, lower case. */
  host: string;
}

/** `"Name" <sip:2001@example.com;user=phone>` → { user: '2001', host: 'example.com' }; undefined when unusable. */
export function parseAssertedIdentity(header: string | undefined): SipIdentity | undefined {
  if (!header) return undefined;
  const match = /<?sips?:([^@;>\s]+)@([^;>:\s]+)/i.exec(header);
  if (!match?.[1] || !match[2]) return undefined;
  return { user: decodeURIComponent(match[1]), host: match[2].toLowerCase() };
}

/** "example.com:5060" → "example.com" */
export function hostOf(domain: string): string {
  return domain.replace(/:\d+$/, '').toLowerCase();
}

export function parseJoinMode(value: string | undefined): JoinMode | undefined {
  const mode = value?.trim().toLowerCase();
  return JOIN_MODES.find((candidate) => candidate === mode);
}

export interface JoinRequestFacts {
  /** The join header as received (undefined: not a join request at all). */
  modeHeader: string | undefined;
  /** P-Asserted-Identity as received: the SIP server replaces it after authenticating the caller. */
  assertedIdentity: string | undefined;
  /** The agent's own SIP domain: a supervisor is asserted in it. */
  agentDomain: string;
  /** Who may join this agent's calls (from main). */
  supervisors: readonly string[];
  /** The agent has a connected call to join. */
  hasCall: boolean;
  /** A supervisor is already on the call. */
  alreadyJoined: boolean;
}

export type JoinDecision =
  | { accept: true; supervisor: string; mode: JoinMode }
  | { accept: false; status: 400 | 403 | 480 | 486; reasonPhrase: string; log: string };

export function decideJoin(facts: JoinRequestFacts): JoinDecision {
  const mode = parseJoinMode(facts.modeHeader);
  if (!mode) return { accept: false, status: 400, reasonPhrase: 'Unknown Join Mode', log: `unknown join mode "${String(facts.modeHeader).slice(0, 40)}"` };
  const identity = parseAssertedIdentity(facts.assertedIdentity);
  if (!identity) return { accept: false, status: 403, reasonPhrase: 'Not A Supervisor', log: 'join refused: the server asserted no identity' };
  if (identity.host !== hostOf(facts.agentDomain) || !facts.supervisors.includes(identity.user)) {
    return { accept: false, status: 403, reasonPhrase: 'Not A Supervisor', log: `join refused: ${identity.user}@${identity.host} is not a supervisor of this agent` };
  }
  if (!facts.hasCall) return { accept: false, status: 480, reasonPhrase: 'No Call To Join', log: `join by ${identity.user} refused: no connected call` };
  if (facts.alreadyJoined) return { accept: false, status: 486, reasonPhrase: 'Already Joined', log: `join by ${identity.user} refused: a supervisor is already on the call` };
  return { accept: true, supervisor: identity.user, mode };
}

/** What the supervisor's screen says about a refused or failed join, from the agent side's SIP answer. */
export function joinEndReason(status: number | undefined): JoinEndReason {
  if (status === 403) return 'notAllowed';
  if (status === 480) return 'noCall';
  if (status === 486) return 'busy';
  if (status === 404 || status === 408) return 'unreachable';
  return 'failed';
}

/** Who hears what. The supervisor always hears the agent and the customer. */
export interface MixRoute {
  agentHearsSupervisor: boolean;
  customerHearsSupervisor: boolean;
}

export function mixRoute(mode: JoinMode): MixRoute {
  switch (mode) {
    case 'monitor':
      return { agentHearsSupervisor: false, customerHearsSupervisor: false };
    case 'whisper':
      return { agentHearsSupervisor: true, customerHearsSupervisor: false };
    case 'barge':
      return { agentHearsSupervisor: true, customerHearsSupervisor: true };
  }
}

/** The in-dialog mode switch: `{"mode":"whisper"}` with JOIN_MODE_CONTENT_TYPE. */
export function parseModeSwitch(contentType: string | undefined, body: string | undefined, expectedType: string): JoinMode | undefined {
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== expectedType || !body || body.length > 200) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && 'mode' in parsed ? parseJoinMode(String(parsed.mode)) : undefined;
  } catch {
    return undefined;
  }
}

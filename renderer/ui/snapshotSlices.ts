// Pure: the parts of the live snapshot the page's components show, one selector each (read through
// useSnapshotPart in useHearthline.ts). A ringing call changes the calls and the presence; the presence
// select, the banners, the notices and the desk read slices a ring leaves equal, so they do not render.
import type { Call, Notice, Snapshot } from '../../common/contract/model';
import { agentStateText, type AgentStateText } from './desk/agentState';

const NO_CALLS: readonly Call[] = [];
const NO_NOTICES: readonly Notice[] = [];

export const selectLoaded = (snapshot: Snapshot | undefined): boolean => snapshot !== undefined;

export const selectAccountUri = (snapshot: Snapshot | undefined): string | undefined => snapshot?.account?.sipUri;

export const selectAccountName = (snapshot: Snapshot | undefined): string | undefined => snapshot?.account?.displayName;

export const selectAccount = (snapshot: Snapshot | undefined) => snapshot?.account;

export const selectPresence = (snapshot: Snapshot | undefined) => snapshot?.presence ?? 'starting';

/** The availability the agent picked, as the presence select's key: a ring does not change it. */
export const selectAvailabilityKey = (snapshot: Snapshot | undefined): string =>
  !snapshot || snapshot.availability.kind === 'available' ? 'available' : snapshot.availability.reason;

/** What the presence select's button says (the real state; see agentState.ts). */
export const selectAgentState = (snapshot: Snapshot | undefined): AgentStateText | undefined =>
  snapshot && agentStateText(snapshot.presence, snapshot.availability);

/** What the connection banner says: the registration, and whether a missing password explains it. */
export const selectConnection = (snapshot: Snapshot | undefined) =>
  snapshot && { registration: snapshot.registration, passwordMissing: snapshot.account?.passwordMissing === true };

export const selectRegistering = (snapshot: Snapshot | undefined): boolean => snapshot?.registration.state === 'registering';

export const selectCanDial = (snapshot: Snapshot | undefined): boolean => snapshot?.registration.state === 'registered';

export const selectCalls = (snapshot: Snapshot | undefined): readonly Call[] => snapshot?.calls ?? NO_CALLS;

export const selectNoCalls = (snapshot: Snapshot | undefined): boolean => snapshot?.calls.length === 0;

/** No call rings, dials or is up: the dial pad shows. */
export const selectIdle = (snapshot: Snapshot | undefined): boolean => (snapshot?.calls ?? NO_CALLS).every((call) => call.state === 'ended');

export const selectNotices = (snapshot: Snapshot | undefined): readonly Notice[] => snapshot?.notices ?? NO_NOTICES;

export const selectWrapUpUntil = (snapshot: Snapshot | undefined): number | undefined => snapshot?.wrapUpUntil;

/** Who is calling in, while a call rings: what the window title flashes (useRingingAlert.ts). */
export const selectRingingCaller = (snapshot: Snapshot | undefined): Pick<Call, 'remoteNumber' | 'remoteName'> | undefined => {
  const ringing = snapshot?.calls.find((call) => call.direction === 'inbound' && call.state === 'ringing');
  return ringing && { remoteNumber: ringing.remoteNumber, remoteName: ringing.remoteName };
};

/** What the customer and assist panels need of a call to pick the call they show (focusCall, focusedAssistCall). */
export type CallFocus = Pick<Call, 'id' | 'direction' | 'state' | 'onHold' | 'startedAt'>;

export const selectCallFocus = (snapshot: Snapshot | undefined): readonly CallFocus[] =>
  (snapshot?.calls ?? NO_CALLS).map(({ id, direction, state, onHold, startedAt }) => ({ id, direction, state, onHold, startedAt }));

// Pure: JsSIP's end/failure causes → the plain-word reasons the agent sees.
import type { CallEndReason, RegistrationFailure } from '../../../common/contract/model';

export function callEndReason(cause: string | undefined, originator: 'local' | 'remote' | 'system', wasConnected: boolean): CallEndReason {
  switch (cause) {
    case 'Terminated':
      return originator === 'local' ? 'hungUpLocal' : 'hungUpRemote';
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return 'rejected';
    case 'Not Found':
    case 'Address Incomplete':
      return 'notFound';
    case 'Unavailable':
      return 'unavailable';
    case 'No Answer':
    case 'Expires':
      return 'noAnswer';
    case 'Canceled':
      return wasConnected ? 'hungUpLocal' : originator === 'local' ? 'canceled' : 'hungUpRemote';
    case 'Connection Error':
    case 'Request Timeout':
    case 'RTP Timeout':
    case 'No ACK':
      return 'connectionLost';
    default:
      return 'failed';
  }
}

/**
 * The reason for a call that ended while the engine was recovering it (media path or server connection
 * down). The far end's BYE then almost never means a deliberate goodbye: carriers and SBCs hang up after
 * a while without media (an RTP timeout), and a caller who hears nothing hangs up too. Telling the agent
 * "the caller hung up" would blame the customer for the agent's network.
 */
export function endReasonWhileRecovering(reason: CallEndReason): CallEndReason {
  return reason === 'failed' || reason === 'hungUpRemote' ? 'connectionLost' : reason;
}

/**
 * Why a REGISTER failed, from JsSIP's cause and the server's status code. A 403 or 404 is the account
 * (IT must fix it: the app does not retry); 5xx, 480 and 408 say the server cannot take it right now.
 */
export function registrationFailure(cause: string | undefined, statusCode?: number): RegistrationFailure {
  switch (cause) {
    case 'Authentication Error':
      return 'authentication';
    case 'Connection Error':
      return 'transport';
    case 'Request Timeout':
      return 'timeout';
  }
  if (statusCode === 403 || statusCode === 603) return 'forbidden';
  if (statusCode === 404 || statusCode === 604) return 'notFound';
  if (statusCode !== undefined && (statusCode >= 500 || statusCode === 480 || statusCode === 408)) return 'unavailable';
  return 'rejected';
}

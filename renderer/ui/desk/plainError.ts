// Turns a failed command into words an agent can act on: never an exception class name, never a stack.
// In Electron a rejection crosses the context bridge as a plain Error whose text starts with
// "Error invoking remote method '…': IpcError: …", so the code is read back from the text when needed.
import { IPC_ERROR_CODES, type IpcErrorCode } from '../../../common/contract/wire';
import { isOneOf } from '../../../common/oneOf';

export type FailureKind = IpcErrorCode | 'internal';

export interface PlainFailure {
  kind: FailureKind;
  /** Main's own sentence (policy wording, field problems), or '' when it only had internals to say. */
  detail: string;
}

const REMOTE_PREFIX = /^Error invoking remote method '[^']*':\s*/;
const CLASS_PREFIX = /^(?:[A-Z][A-Za-z]*(?:Error|Exception)):\s*/;

function fromText(text: string, name?: string): PlainFailure {
  let rest = text.replace(REMOTE_PREFIX, '');
  const ipc = rest.startsWith('IpcError:') || name === 'IpcError';
  rest = rest.replace(CLASS_PREFIX, '').trim();
  if (!ipc) return { kind: 'internal', detail: '' };
  return { kind: 'failed', detail: rest };
}

export function plainFailure(failure: unknown): PlainFailure {
  if (failure && typeof failure === 'object') {
    const shaped = failure as { code?: unknown; issues?: unknown; message?: unknown; name?: unknown };
    const code = shaped.code;
    if (isOneOf(IPC_ERROR_CODES, code)) {
      const issues = Array.isArray(shaped.issues) ? shaped.issues.filter((issue): issue is string => typeof issue === 'string') : [];
      const message = typeof shaped.message === 'string' ? shaped.message.replace(CLASS_PREFIX, '') : '';
      return { kind: code, detail: issues.length > 0 ? issues.join('; ') : message };
    }
    if (typeof shaped.message === 'string') return fromText(shaped.message, typeof shaped.name === 'string' ? shaped.name : undefined);
  }
  if (typeof failure === 'string') return fromText(failure);
  return { kind: 'internal', detail: '' };
}

/** The catalogue key of the "what to do" sentence for each kind of failure. */
export function adviceKey(kind: FailureKind): `desk.advice.${FailureKind}` {
  return `desk.advice.${kind}`;
}

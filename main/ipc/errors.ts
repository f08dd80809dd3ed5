import type { IpcErrorCode } from '../../common/contract/wire';

/** Thrown by services for failures the caller should see as a typed IPC error. */
export class ServiceError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

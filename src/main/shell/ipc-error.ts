// An error that crosses the IPC boundary as `{ ok: false, code, message }`. Anything else that
// a handler throws becomes `ipc.internal` with a generic message: no stack traces leave main.
import type { IpcErrorCode } from '../../shared/ipc';

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}

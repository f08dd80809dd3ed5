// The envelope every transport carries (Electron IPC and the headless WebSocket bridge alike), and the
// typed error a caller receives instead of a crash.
import { z } from 'zod';

/** The headless bridge's largest WebSocket frame; a bigger one closes the socket (and drops the engine). */
export const BRIDGE_MAX_FRAME_BYTES = 1_000_000;

/** The list beside its schema: the UI reads an error's code without loading zod (scripts/contractShaking.mjs). */
export const IPC_ERROR_CODES = [
  'unknownChannel',
  'invalidPayload',
  'forbidden',
  'notFound',
  'unavailable',
  'conflict',
  'failed',
] as const;
export const IpcErrorCodeSchema = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  message: z.string(),
  /** Field-level problems for invalidPayload, e.g. "target: only digits…". */
  issues: z.array(z.string()).optional(),
});
export type IpcErrorShape = z.infer<typeof IpcErrorSchema>;

export const IpcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);
export type IpcResult = z.infer<typeof IpcResultSchema>;

/** Thrown by the client side of a transport when main answered with an error. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: string[] | undefined;
  constructor(shape: IpcErrorShape) {
    super(shape.message);
    this.name = 'IpcError';
    this.code = shape.code;
    this.issues = shape.issues;
  }
}

/** Where a headless page keeps its bridge token for reloads of the same tab (sessionStorage). The host
 *  hands the engine its token there, so it never appears on a command line. */
export { BRIDGE_TOKEN_STORAGE_KEY } from './bridgeToken';

/** Messages on the headless bridge's WebSocket. Electron IPC uses invoke/send with the same payloads. */
export const BridgeClientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), token: z.string().min(16).max(256), role: z.enum(['ui', 'engine']) }),
  z.object({ kind: z.literal('invoke'), id: z.number().int().nonnegative(), channel: z.string().max(64), payload: z.unknown() }),
]);
export type BridgeClientMessage = z.infer<typeof BridgeClientMessageSchema>;

export const BridgeServerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('welcome') }),
  z.object({ kind: z.literal('result'), id: z.number().int(), result: IpcResultSchema }),
  z.object({ kind: z.literal('event'), channel: z.string(), payload: z.unknown() }),
]);
export type BridgeServerMessage = z.infer<typeof BridgeServerMessageSchema>;

/** Formats zod issues as short "path: message" strings for users and logs. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
}

/** The two Electron IPC channel names; everything else is inside the payloads. */
export const ELECTRON_INVOKE_CHANNEL = 'hearthline:invoke';
export const ELECTRON_EVENT_CHANNEL = 'hearthline:event';

// Routes requests from the UI and the call engine to services. Every request is checked for a known
// channel, a sender allowed to use it, and a payload matching the contract, before any service runs.
import type { z } from 'zod';
import { requestsByRole, type Role } from '../../common/contract/channels';
import { describeIssues, type IpcResult } from '../../common/contract/wire';
import type { Logger } from '../log/logger';
import { ServiceError } from './errors';

export interface Sender {
  role: Role;
  /** Stable id of the connection or WebContents, for logs. */
  id: string;
}

type Requests<R extends Role> = (typeof requestsByRole)[R];
type Handler<R extends Role, C extends keyof Requests<R>> = (
  payload: z.output<Requests<R>[C] extends { request: infer S extends z.ZodType } ? S : never>,
  sender: Sender,
) => Promise<z.input<Requests<R>[C] extends { response: infer S extends z.ZodType } ? S : never>> | z.input<Requests<R>[C] extends { response: infer S extends z.ZodType } ? S : never>;

type AnyHandler = (payload: unknown, sender: Sender) => unknown;

export class IpcRouter {
  private readonly handlers: Record<Role, Map<string, AnyHandler>> = { ui: new Map(), engine: new Map() };

  constructor(private readonly log: Logger) {}

  handle<R extends Role, C extends keyof Requests<R> & string>(role: R, channel: C, handler: Handler<R, C>): void {
    if (!(channel in requestsByRole[role])) throw new Error(`${channel} is not a ${role} channel in the contract`);
    this.handlers[role].set(channel, handler as AnyHandler);
  }

  async dispatch(sender: Sender, channel: unknown, payload: unknown): Promise<IpcResult> {
    if (typeof channel !== 'string') return fail('unknownChannel', 'Channel name must be a string');
    const contracts = requestsByRole[sender.role] as Record<string, { request: z.ZodType; response: z.ZodType }>;
    const contract = Object.hasOwn(contracts, channel) ? contracts[channel] : undefined;
    if (!contract) {
      const otherRole = sender.role === 'ui' ? 'engine' : 'ui';
      const belongsElsewhere = Object.hasOwn(requestsByRole[otherRole], channel);
      this.log.warn({ sender, channel }, belongsElsewhere ? 'request on another role’s channel refused' : 'unknown channel');
      return belongsElsewhere
        ? fail('forbidden', `${channel} may not be called from the ${sender.role}`)
        : fail('unknownChannel', `No channel named ${channel}`);
    }
    const handler = this.handlers[sender.role].get(channel);
    if (!handler) return fail('unavailable', `${channel} is not available in this build`);
    const parsed = contract.request.safeParse(payload);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      this.log.warn({ sender, channel, issues }, 'invalid payload refused');
      return { ok: false, error: { code: 'invalidPayload', message: `Invalid request for ${channel}`, issues } };
    }
    try {
      const value = await handler(parsed.data, sender);
      return { ok: true, value: contract.response.parse(value ?? {}) };
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.message);
      this.log.error({ err: error, sender, channel }, 'handler failed');
      return fail('failed', `${channel} failed; details are in the log`);
    }
  }
}

function fail(code: Extract<IpcResult, { ok: false }>['error']['code'], message: string): IpcResult {
  return { ok: false, error: { code, message } };
}

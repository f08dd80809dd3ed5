// The app's read client for the gateway's customer resources (gateway/openapi.yaml). Every answer is
// validated against common/contract/context.ts; a lookup is one result: ok, unreachable, or malformed.
import {
  CasesResponseSchema,
  CustomerByPhoneResponseSchema,
  CustomerSearchResponseSchema,
  GATEWAY_CUSTOMER_PATHS,
  TimelineResponseSchema,
  type Customer,
  type CustomerCase,
  type TimelineEntry,
} from '../../common/contract/context';
import type { z } from 'zod';
import type { FetchLike } from '../outbox/gatewayClient';
import { validateGatewayPayload } from './validate';

export interface CustomerRecord {
  customer: Customer;
  timeline: TimelineEntry[];
  cases: CustomerCase[];
}

export type GatewayResult<T> = { kind: 'ok'; value: T } | { kind: 'unreachable'; message: string } | { kind: 'malformed'; issues: string[] };

/** What ContextService needs from the gateway (tests pass a fake). */
export interface ContextGateway {
  lookupByPhone(number: string, timeoutMs: number): Promise<GatewayResult<CustomerRecord[]>>;
  details(customer: Customer, timeoutMs: number): Promise<GatewayResult<CustomerRecord>>;
  search(query: string, timeoutMs: number): Promise<GatewayResult<Customer[]>>;
}

/** Details for at most this many customers sharing one number. */
const MAX_MATCH_DETAILS = 5;

class Malformed extends Error {
  constructor(readonly issues: string[]) {
    super('malformed gateway answer');
  }
}
class Unreachable extends Error {}

export class HttpContextGateway implements ContextGateway {
  private readonly fetch: FetchLike;
  private readonly baseUrl: string;

  constructor(private readonly options: { url: string; token: string; fetch?: FetchLike }) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.url.replace(/\/+$/, '');
  }

  private async get<S extends z.ZodType>(path: string, schema: S, signal: AbortSignal): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.options.token}` }, signal });
    } catch (error) {
      throw new Unreachable(describe(error));
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Unreachable(`HTTP ${response.status}`);
    }
    let raw: unknown;
    try {
      raw = await response.json();
    } catch {
      throw new Malformed([`${path.split('?')[0]}: (body): not JSON`]);
    }
    const checked = validateGatewayPayload(schema, raw, path.split('?')[0]!);
    if (!checked.ok) throw new Malformed(checked.issues);
    return checked.data;
  }

  private async run<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<GatewayResult<T>> {
    try {
      return { kind: 'ok', value: await work(AbortSignal.timeout(timeoutMs)) };
    } catch (error) {
      if (error instanceof Malformed) return { kind: 'malformed', issues: error.issues };
      return { kind: 'unreachable', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private async detailsWith(customer: Customer, signal: AbortSignal): Promise<CustomerRecord> {
    const [timeline, cases] = await Promise.all([
      this.get(GATEWAY_CUSTOMER_PATHS.timeline(customer.id), TimelineResponseSchema, signal),
      this.get(GATEWAY_CUSTOMER_PATHS.cases(customer.id), CasesResponseSchema, signal),
    ]);
    return { customer, timeline: timeline.entries, cases: cases.cases };
  }

  lookupByPhone(number: string, timeoutMs: number): Promise<GatewayResult<CustomerRecord[]>> {
    return this.run(timeoutMs, async (signal) => {
      const { customers } = await this.get(GATEWAY_CUSTOMER_PATHS.byPhone(number), CustomerByPhoneResponseSchema, signal);
      return Promise.all(customers.slice(0, MAX_MATCH_DETAILS).map((customer) => this.detailsWith(customer, signal)));
    });
  }

  details(customer: Customer, timeoutMs: number): Promise<GatewayResult<CustomerRecord>> {
    return this.run(timeoutMs, (signal) => this.detailsWith(customer, signal));
  }

  search(query: string, timeoutMs: number): Promise<GatewayResult<Customer[]>> {
    return this.run(timeoutMs, async (signal) => (await this.get(GATEWAY_CUSTOMER_PATHS.search(query), CustomerSearchResponseSchema, signal)).customers);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'The gateway did not answer in time';
  const cause = error.cause as { code?: string } | undefined;
  return cause?.code ?? error.message;
}

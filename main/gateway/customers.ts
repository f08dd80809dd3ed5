// The gateway's customer resources (gateway/openapi.yaml) for the customer context. Every answer is
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
import type { GatewayClient, GatewayResult } from './gatewayClient';

export interface CustomerRecord {
  customer: Customer;
  timeline: TimelineEntry[];
  cases: CustomerCase[];
}

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

export class GatewayCustomers implements ContextGateway {
  constructor(private readonly client: GatewayClient) {}

  private async get<S extends z.ZodType>(path: string, schema: S, signal: AbortSignal): Promise<z.output<S>> {
    const read = await this.client.read(path, schema, signal);
    if (read.kind === 'unreachable') throw new Unreachable(read.message);
    if (read.kind === 'malformed') throw new Malformed(read.issues);
    return read.value;
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

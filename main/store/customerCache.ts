// A local cache of customer context fetched from the gateway, keyed by phone number, so the agent sees
// who is calling even offline. Filled by the customer-context feature; the point lookup is benchmarked.
import type { Db } from './driver';

export interface CachedCustomer {
  number: string;
  name: string | undefined;
  data: unknown;
  fetchedAt: number;
}

interface CustomerRow {
  number: string;
  name: string | null;
  data: string;
  fetched_at: number;
}

export class CustomerCacheRepository {
  private readonly select;
  private readonly upsert;

  constructor(db: Db) {
    this.select = db.prepare('SELECT number, name, data, fetched_at FROM customer_cache WHERE number = ?');
    this.upsert = db.prepare(`
      INSERT INTO customer_cache (number, name, data, fetched_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (number) DO UPDATE SET name = excluded.name, data = excluded.data, fetched_at = excluded.fetched_at`);
  }

  get(number: string): CachedCustomer | undefined {
    const row = this.select.get(number) as CustomerRow | undefined;
    return row && { number: row.number, name: row.name ?? undefined, data: JSON.parse(row.data) as unknown, fetchedAt: row.fetched_at };
  }

  put(customer: CachedCustomer): void {
    this.upsert.run(customer.number, customer.name ?? null, JSON.stringify(customer.data), customer.fetchedAt);
  }
}

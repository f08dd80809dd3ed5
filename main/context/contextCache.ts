// The customer-context cache in the encrypted store (schema v3): one row per customer (profile, timeline,
// cases as JSON), the phone numbers that find it, and search terms (name words, emails, order numbers,
// phones) in a B-tree, so a prefix search over 100k cached customers is an index range scan.
import type { Db } from '../store/driver';
import type { CustomerRecord } from '../gateway/customers';
import { applyInSlices, drainInSlices, type SliceProgress } from '../store/slices';
import { checkpointSlice } from '../store/wal';

export interface CachedRecord extends CustomerRecord {
  fetchedAt: number;
  provisional: boolean;
}

interface Row {
  id: string;
  data: string;
  fetched_at: number;
  provisional: number;
}

const MAX_SEARCH_RESULTS = 20;
/**
 * Customers written or purged per transaction by the bulk paths: about 0.1–0.2 ms of main's CPU each
 * (SQLCipher, 8–12 index rows per customer), so a slice stays well under 50 ms (bench/eventLoop.bench.ts).
 */
export const CACHE_SLICE = 100;
const SEARCH_CANDIDATES = 500;
/** Above every character, so `term < prefix + TOP` bounds a prefix range in SQLite's binary order. */
const TOP = '\u{10FFFF}';

export function searchTerms(record: CustomerRecord): string[] {
  const { customer } = record;
  const name = customer.name.toLowerCase();
  const terms = new Set<string>([name, ...name.split(/[\s'-]+/)]);
  for (const email of customer.emails) {
    const address = email.address.toLowerCase();
    terms.add(address);
    for (const part of address.split(/[@.+_-]+/)) terms.add(part);
  }
  for (const order of customer.orderNumbers) terms.add(order.toLowerCase());
  for (const phone of customer.phones) terms.add(phone.number);
  return [...terms].filter((term) => term.length > 0);
}

function searchText(record: CustomerRecord): string {
  const { customer } = record;
  return [customer.name, ...customer.emails.map((e) => e.address), ...customer.orderNumbers, ...customer.phones.map((p) => p.number)].join(' ').toLowerCase();
}

export class ContextCacheRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      upsert: db.prepare(`
        INSERT INTO context_customers (id, name, search_text, data, fetched_at, provisional) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, search_text = excluded.search_text, data = excluded.data,
          fetched_at = excluded.fetched_at, provisional = excluded.provisional`),
      deletePhones: db.prepare('DELETE FROM context_phones WHERE customer_id = ?'),
      deleteTerms: db.prepare('DELETE FROM context_search WHERE customer_id = ?'),
      deleteCustomer: db.prepare('DELETE FROM context_customers WHERE id = ?'),
      insertPhone: db.prepare('INSERT OR IGNORE INTO context_phones (number, customer_id) VALUES (?, ?)'),
      insertTerm: db.prepare('INSERT OR IGNORE INTO context_search (term, customer_id) VALUES (?, ?)'),
      unlinkNumber: db.prepare('DELETE FROM context_phones WHERE number = ?'),
      byPhone: db.prepare(`SELECT c.id, c.data, c.fetched_at, c.provisional FROM context_phones p JOIN context_customers c ON c.id = p.customer_id WHERE p.number = ? ORDER BY c.id`),
      get: db.prepare('SELECT id, data, fetched_at, provisional FROM context_customers WHERE id = ?'),
      prefix: db.prepare(`SELECT DISTINCT customer_id FROM context_search WHERE term >= ? AND term < ? LIMIT ${SEARCH_CANDIDATES}`),
      searchRow: db.prepare('SELECT id, data, fetched_at, provisional, search_text FROM context_customers WHERE id = ?'),
      // In the order of the fetched_at index, so a slice reads only its own rows (sorting by anything
      // more would sort every expired customer again in every slice).
      expired: db.prepare('SELECT id FROM context_customers INDEXED BY context_customers_age WHERE fetched_at < ? ORDER BY fetched_at LIMIT ?'),
      count: db.prepare('SELECT count(*) AS n FROM context_customers'),
    };
  }

  private static toRecord(row: Row): CachedRecord {
    const data = JSON.parse(row.data) as CustomerRecord;
    return { ...data, fetchedAt: row.fetched_at, provisional: row.provisional === 1 };
  }

  /** Stores (or replaces) customers as fetched at `fetchedAt`, in one transaction. */
  put(records: readonly CustomerRecord[], fetchedAt: number, provisional = false): void {
    this.db.transaction(() => {
      for (const record of records) {
        const { id } = record.customer;
        this.s.upsert.run(id, record.customer.name, searchText(record), JSON.stringify({ customer: record.customer, timeline: record.timeline, cases: record.cases }), fetchedAt, provisional ? 1 : 0);
        this.s.deletePhones.run(id);
        this.s.deleteTerms.run(id);
        for (const phone of record.customer.phones) this.s.insertPhone.run(phone.number, id);
        for (const term of searchTerms(record)) this.s.insertTerm.run(term, id);
      }
    })();
  }

  /**
   * A bulk fill (many customers from the CRM at once): written CACHE_SLICE customers per transaction,
   * the event loop turning between slices. Each customer is written whole or not at all; a fill that
   * stops halfway leaves a smaller cache, and writing the same records again completes it.
   */
  putInSlices(records: readonly CustomerRecord[], fetchedAt: number, options: { provisional?: boolean; pause?: () => Promise<void> } = {}): Promise<SliceProgress> {
    const apply = (slice: readonly CustomerRecord[]) => {
      this.put(slice, fetchedAt, options.provisional);
      checkpointSlice(this.db);
    };
    return applyInSlices(records, apply, { size: CACHE_SLICE, pause: options.pause, stopped: () => !this.db.open });
  }

  /** The gateway's answer for a number replaces what the cache thought matched it. */
  replaceForNumber(number: string, records: readonly CustomerRecord[], fetchedAt: number): void {
    this.db.transaction(() => {
      this.s.unlinkNumber.run(number);
      this.put(records, fetchedAt);
      for (const record of records) this.s.insertPhone.run(number, record.customer.id);
    })();
  }

  /** Also links a customer to a number that is not among their listed phones (a linked call). */
  linkNumber(number: string, customerId: string): void {
    this.s.insertPhone.run(number, customerId);
  }

  byPhone(number: string): CachedRecord[] {
    return (this.s.byPhone.all(number) as Row[]).map(ContextCacheRepository.toRecord);
  }

  get(id: string): CachedRecord | undefined {
    const row = this.s.get.get(id) as Row | undefined;
    return row && ContextCacheRepository.toRecord(row);
  }

  /** Every word must appear; the first word is looked up as a prefix of a term (name word, email, order, phone). */
  search(query: string, limit = MAX_SEARCH_RESULTS): CachedRecord[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const first = words[0];
    if (!first) return [];
    const ids = (this.s.prefix.all(first, first + TOP) as { customer_id: string }[]).map((row) => row.customer_id);
    const results: CachedRecord[] = [];
    for (const id of ids) {
      const row = this.s.searchRow.get(id) as (Row & { search_text: string }) | undefined;
      if (!row || !words.every((word) => row.search_text.includes(word))) continue;
      results.push(ContextCacheRepository.toRecord(row));
      if (results.length >= limit) break;
    }
    return results;
  }

  /**
   * GDPR erasure: the customer's rows go, with secure_delete so the freed pages are zeroed, and the WAL
   * is checkpointed and truncated so no older copy of those pages stays in it. Returns whether it existed.
   */
  erase(id: string): boolean {
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    let existed = false;
    try {
      this.db.transaction(() => {
        this.s.deletePhones.run(id);
        this.s.deleteTerms.run(id);
        existed = this.s.deleteCustomer.run(id).changes > 0;
      })();
    } finally {
      this.db.pragma(`secure_delete = ${previous}`);
    }
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // in-memory (session-only) databases have no WAL
    }
    return existed;
  }

  /**
   * Retention: removes customers fetched before `before`, oldest first, CACHE_SLICE per transaction with
   * the event loop turning between slices; returns how many. Each slice re-reads what is expired, so a
   * customer refreshed meanwhile stays, and a purge cut short is finished by the next one.
   */
  async purgeOlderThan(before: number, pause?: () => Promise<void>): Promise<number> {
    const progress = await drainInSlices(
      (limit) => {
        const purged = this.db.transaction(() => {
          const ids = (this.s.expired.all(before, limit) as { id: string }[]).map((row) => row.id);
          for (const id of ids) {
            this.s.deletePhones.run(id);
            this.s.deleteTerms.run(id);
            this.s.deleteCustomer.run(id);
          }
          return ids.length;
        })();
        if (purged > 0) checkpointSlice(this.db); // a slice that deleted nothing leaves the WAL to SQLite
        return purged;
      },
      { size: CACHE_SLICE, pause, stopped: () => !this.db.open },
    );
    return progress.done;
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }
}

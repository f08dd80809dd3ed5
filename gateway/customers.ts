// The reference gateway's customer resources: the deterministic demo CRM (demoData.ts) plus what the app
// sent (contacts created for unknown callers, call links, follow-up requests, and wrap-up notes, which
// show up in the caller's timeline). Written records live in the gateway's own SQLite file.
import type { Customer, CustomerCase, GatewayCallLink, GatewayContact, GatewayFollowUp, TimelineEntry } from '../common/contract/context';
import type { GatewayDb } from './db';
import { generateDemoCustomers, type DemoRecord } from './demoData';

export class CustomerDirectory {
  private readonly demo: DemoRecord[];
  private readonly byId = new Map<string, DemoRecord>();

  constructor(
    private readonly gatewayDb: GatewayDb,
    now: number,
    count?: number,
  ) {
    this.demo = generateDemoCustomers(now, count);
    for (const record of this.demo) this.byId.set(record.customer.id, record);
    gatewayDb.db.exec(`
      CREATE TABLE IF NOT EXISTS contacts (id TEXT PRIMARY KEY, customer_number TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS contacts_by_number ON contacts (customer_number);
      CREATE TABLE IF NOT EXISTS call_links (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS follow_ups (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL);
    `);
  }

  private contacts(): Customer[] {
    const rows = this.gatewayDb.db.prepare('SELECT body FROM contacts ORDER BY received_at').all() as { body: string }[];
    return rows.map((row) => {
      const contact = JSON.parse(row.body) as GatewayContact;
      const short = /^(\+[1-9]\d{6,14}|\d{2,6})$/.test(contact.customerNumber);
      return {
        id: contact.id,
        name: contact.name,
        phones: short ? [{ number: contact.customerNumber, verified: false, label: 'caller id' }] : [],
        emails: contact.email ? [{ address: contact.email, verified: false }] : [],
        segment: 'New contact',
        lifetimeValue: 0,
        currency: 'GBP',
        language: 'en',
        preferredChannel: contact.email ? 'email' : 'voice',
        orderNumbers: [],
      } satisfies Customer;
    });
  }

  private all(): Customer[] {
    return [...this.demo.map((record) => record.customer), ...this.contacts()];
  }

  byPhone(number: string): Customer[] {
    return this.all().filter((customer) => customer.phones.some((phone) => phone.number === number));
  }

  get(id: string): Customer | undefined {
    return this.all().find((customer) => customer.id === id);
  }

  search(query: string, limit = 20): Customer[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    return this.all()
      .filter((customer) => {
        const text = [customer.name, ...customer.emails.map((e) => e.address), ...customer.orderNumbers, ...customer.phones.map((p) => p.number)].join(' ').toLowerCase();
        return words.every((word) => text.includes(word));
      })
      .slice(0, limit);
  }

  /** Newest first: the demo history plus every wrap-up note the app sent for one of the customer's numbers. */
  timeline(id: string, limit = 50): TimelineEntry[] {
    const customer = this.get(id);
    if (!customer) return [];
    const notes = customer.phones.flatMap((phone) => this.gatewayDb.listNotes({ customer: phone.number, limit: 200 }));
    const fromNotes: TimelineEntry[] = notes.map(({ note }) => ({
      id: note.id,
      channel: 'voice',
      at: note.createdAt,
      agent: 'Hearthline agent',
      outcome: note.disposition,
      note: note.notes.slice(0, 2000),
      sentiment: null,
      firstContactResolved: note.firstContactResolved,
    }));
    return [...fromNotes, ...(this.byId.get(id)?.timeline ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }

  cases(id: string): CustomerCase[] {
    return this.byId.get(id)?.cases ?? [];
  }

  insertContact(contact: GatewayContact, at: Date): void {
    this.gatewayDb.db
      .prepare('INSERT OR REPLACE INTO contacts (id, customer_number, body, received_at) VALUES (?, ?, ?, ?)')
      .run(contact.id, contact.customerNumber, JSON.stringify(contact), at.toISOString());
  }

  insertCallLink(link: GatewayCallLink, at: Date): void {
    this.gatewayDb.db.prepare('INSERT INTO call_links (id, body, received_at) VALUES (?, ?, ?)').run(link.id, JSON.stringify(link), at.toISOString());
  }

  insertFollowUp(followUp: GatewayFollowUp, at: Date): void {
    this.gatewayDb.db.prepare('INSERT INTO follow_ups (id, body, received_at) VALUES (?, ?, ?)').run(followUp.id, JSON.stringify(followUp), at.toISOString());
  }

  /** What the app has written (tests look here). */
  written(): { contacts: number; callLinks: number; followUps: GatewayFollowUp[] } {
    const count = (table: string) => (this.gatewayDb.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const followUps = (this.gatewayDb.db.prepare('SELECT body FROM follow_ups ORDER BY seq').all() as { body: string }[]).map((row) => JSON.parse(row.body) as GatewayFollowUp);
    return { contacts: count('contacts'), callLinks: count('call_links'), followUps };
  }
}

// Deterministic demo customers for the reference gateway: a seeded generator (mulberry32) makes the same
// few hundred customers, cases and contact timelines on every start; times are relative to `now`.
// Stack mapping (stack/users.txt): the baresip customer 1002 is a KNOWN customer, Margaret Chen, who lists
// the stack number "1002" as a verified phone next to her E.164 mobile, with two contacts in the last
// week (so a call from 1002 is her 3rd contact in 7 days). 1004 is deliberately nobody's number.
// +441632960100 is a shared family number (two customers). Other numbers are +4416329602xx–9xx (Ofcom's
// drama range), so generated numbers can never collide with the stack's.
import type { Customer, CustomerCase, TimelineEntry } from '../common/contract/context';
import { mulberry32 } from '../common/seededRandom';

export interface DemoRecord {
  customer: Customer;
  cases: CustomerCase[];
  timeline: TimelineEntry[];
}

export const DEMO_SEED = 20_240_501;
export const DEMO_CUSTOMER_COUNT = 300;
export const KNOWN_STACK_NUMBER = '1002';
export const UNKNOWN_STACK_NUMBER = '1004';
export const SHARED_FAMILY_NUMBER = '+441632960100';

export { mulberry32 };

const FIRST = ['Olivia', 'Noah', 'Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Arthur', 'Mia', 'Leo', 'Priya', 'Ravi', 'Mei', 'Jun', 'Fatima', 'Omar', 'Sofia', 'Lucas', 'Chloe', 'Ethan', 'Grace', 'Hana', 'Tariq', 'Niamh'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Patel', 'Khan', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Liu', 'Wang', 'Murphy', "O'Brien", 'Hughes', 'Edwards', 'Green'];
const SEGMENTS = ['Standard', 'Standard', 'Standard', 'Gold', 'Small business'];
const AGENTS = ['Ada (1001)', 'Priya (1003)', 'Sam (1005)', 'Chat bot'];
const NOTES: [TimelineEntry['channel'], string, string, TimelineEntry['sentiment']][] = [
  ['voice', 'resolved', 'Billing question answered; no change needed.', 'positive'],
  ['voice', 'information_given', 'Explained delivery times for the next order.', 'neutral'],
  ['chat', 'resolved', 'Password reset link sent and confirmed.', 'positive'],
  ['email', 'information_given', 'Sent the returns policy article.', null],
  ['sms', 'resolved', 'Delivery slot confirmed by SMS.', null],
  ['social', 'escalated', 'Public complaint about a late parcel; moved to DM.', 'negative'],
  ['voice', 'complaint_logged', 'Item arrived damaged; replacement arranged.', 'negative'],
  ['voice', 'callback_scheduled', 'Needs a manager to approve a goodwill credit.', 'neutral'],
];

const DAY = 86_400_000;
const iso = (at: number) => new Date(at).toISOString();

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function known(now: number): DemoRecord {
  return {
    customer: {
      id: 'c-0001',
      name: 'Margaret Chen',
      phones: [
        { number: '+441632960002', verified: true, label: 'mobile' },
        { number: KNOWN_STACK_NUMBER, verified: true, label: 'home (stack 1002)' },
      ],
      emails: [{ address: 'margaret.chen@example.com', verified: true }],
      segment: 'Gold',
      lifetimeValue: 4820,
      currency: 'GBP',
      language: 'en',
      preferredChannel: 'sms',
      orderNumbers: ['HL-100234', 'HL-100412'],
    },
    cases: [{ id: 'CASE-7781', subject: 'Damaged delivery — order HL-100412', status: 'open', openedAt: iso(now - 4 * DAY), promise: 'Refund by Friday' }],
    timeline: [
      { id: 't-0001-3', channel: 'voice', at: iso(now - 2 * DAY), agent: 'Priya (1003)', outcome: 'complaint_logged', note: 'Damaged delivery, promised refund by Friday. Customer upset about the second attempt.', sentiment: 'negative', firstContactResolved: false },
      { id: 't-0001-2', channel: 'chat', at: iso(now - 4 * DAY), agent: 'Chat bot', outcome: 'information_given', note: 'Asked where order HL-100412 is; courier delayed.', sentiment: 'neutral', firstContactResolved: false },
      { id: 't-0001-1', channel: 'email', at: iso(now - 40 * DAY), agent: 'Sam (1005)', outcome: 'resolved', note: 'Address change confirmed.', sentiment: 'positive', firstContactResolved: true },
    ],
  };
}

function family(now: number): DemoRecord[] {
  const base = { segment: 'Standard', currency: 'GBP', orderNumbers: [] as string[] };
  return [
    {
      customer: { ...base, id: 'c-0002', name: 'Wei Zhang', phones: [{ number: SHARED_FAMILY_NUMBER, verified: true, label: 'home' }], emails: [{ address: 'wei.zhang@example.com', verified: true }], lifetimeValue: 1210, language: 'zh', preferredChannel: 'email', orderNumbers: ['HL-200871'] },
      cases: [],
      timeline: [{ id: 't-0002-1', channel: 'email', at: iso(now - 10 * DAY), agent: 'Sam (1005)', outcome: 'information_given', note: 'Sent the warranty article.', sentiment: null, firstContactResolved: true }],
    },
    {
      customer: { ...base, id: 'c-0003', name: 'Li Zhang', phones: [{ number: SHARED_FAMILY_NUMBER, verified: false, label: 'home' }], emails: [], lifetimeValue: 90, language: 'en', preferredChannel: 'voice' },
      cases: [],
      timeline: [],
    },
  ];
}

/** The full deterministic demo set: the three special customers, then generated ones. */
export function generateDemoCustomers(now: number, count = DEMO_CUSTOMER_COUNT, seed = DEMO_SEED): DemoRecord[] {
  const random = mulberry32(seed);
  const records = [known(now), ...family(now)];
  for (let i = records.length + 1; records.length < count; i += 1) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const id = `c-${String(i).padStart(4, '0')}`;
    const email = `${first}.${last}${i}@example.com`.toLowerCase().replace(/'/g, '');
    const timeline: TimelineEntry[] = [];
    const contacts = Math.floor(random() * 6);
    for (let c = 0; c < contacts; c += 1) {
      const [channel, outcome, note, sentiment] = pick(random, NOTES);
      timeline.push({ id: `t-${id}-${c}`, channel, at: iso(now - Math.floor(random() * 90 * DAY)), agent: pick(random, AGENTS), outcome, note, sentiment, firstContactResolved: outcome === 'resolved' ? true : random() < 0.5 ? false : null });
    }
    timeline.sort((a, b) => b.at.localeCompare(a.at));
    records.push({
      customer: {
        id,
        name: `${first} ${last}`,
        phones: [{ number: `+44163296${String(200 + (i % 800)).padStart(4, '0')}`, verified: random() < 0.8, label: 'mobile' }],
        emails: random() < 0.85 ? [{ address: email, verified: random() < 0.7 }] : [],
        segment: pick(random, SEGMENTS),
        lifetimeValue: Math.floor(random() * 8000),
        currency: 'GBP',
        language: random() < 0.15 ? 'zh' : 'en',
        preferredChannel: pick(random, ['sms', 'email', 'voice'] as const),
        orderNumbers: Array.from({ length: Math.floor(random() * 3) }, (_, k) => `HL-${300000 + i * 10 + k}`),
      },
      cases: random() < 0.2 ? [{ id: `CASE-${9000 + i}`, subject: 'Refund request', status: 'open', openedAt: iso(now - Math.floor(random() * 20 * DAY)) }] : [],
      timeline,
    });
  }
  return records;
}

// Customer i of a synthetic CRM, for the tests and benchmarks that fill the customer-context cache in
// bulk (main/context/contextCacheSlices.test.ts, bench/eventLoop.bench.ts). Not a test file itself.
import type { CustomerRecord } from '../gateway/customers';

export function sampleCustomer(i: number): CustomerRecord {
  const number = `+44${String(7_000_000_000 + i * 7)}`;
  return {
    customer: {
      id: `c${i}`,
      name: `Customer ${i}`,
      phones: [{ number, verified: true }],
      emails: [{ address: `customer${i}@example.com`, verified: i % 2 === 0 }],
      segment: i % 3 === 0 ? 'Gold' : 'Standard',
      lifetimeValue: i % 5000,
      currency: 'GBP',
      language: 'en',
      preferredChannel: 'voice',
      orderNumbers: [`ORD-${100000 + i}`],
    },
    timeline: [],
    cases: [],
  };
}

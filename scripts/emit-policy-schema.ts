// Writes policy/policy.schema.json from the zod policy schema: `npm run policy:schema`.
// common/contract/policy.test.ts fails when the committed file and the schema drift apart.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { policyJsonSchema } from '../common/contract/policy';

export const POLICY_SCHEMA_FILE = path.join(__dirname, '..', 'policy', 'policy.schema.json');

export function renderPolicySchema(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(POLICY_SCHEMA_FILE, renderPolicySchema());
  console.log(`wrote ${path.relative(process.cwd(), POLICY_SCHEMA_FILE)}`);
}

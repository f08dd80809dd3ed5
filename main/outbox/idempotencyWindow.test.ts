// The gateway must remember an Idempotency-Key for as long as the outbox may still retry the record,
// or a late retry would be stored a second time (gateway/openapi.yaml, "Idempotency").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDEMPOTENCY_KEY_RETENTION_MS } from '../../common/contract/gateway';
import { DEFAULT_RETRY_POLICY } from './retryPolicy';

describe('idempotency window', () => {
  it('keys outlive the outbox retry window', () => {
    assert.ok(IDEMPOTENCY_KEY_RETENTION_MS >= DEFAULT_RETRY_POLICY.giveUpAfterMs, `${IDEMPOTENCY_KEY_RETENTION_MS} < ${DEFAULT_RETRY_POLICY.giveUpAfterMs}`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REGISTER_RETRY_AFTER_MAX_MS, REGISTER_RETRY_BASE_MS, REGISTER_RETRY_CAP_MS, registrationRetryDelayMs } from './registrationRetry';
import { registrationFailure } from './causes';

const highest = () => 0.999_999;
const lowest = () => 0;

describe('registrationRetryDelayMs', () => {
  it('does not retry what IT must fix: password, a forbidden or unknown account, other refusals', () => {
    for (const failure of ['authentication', 'forbidden', 'notFound', 'rejected'] as const) {
      assert.equal(registrationRetryDelayMs(failure, '5', 1, highest), undefined, failure);
    }
    // A lost connection is the transport's business (a new WebSocket registers again by itself).
    assert.equal(registrationRetryDelayMs('transport', undefined, 1, highest), undefined);
  });

  it('waits out the server’s Retry-After, comment and parameters allowed', () => {
    assert.equal(registrationRetryDelayMs('unavailable', '120', 1, highest), 120_000);
    assert.equal(registrationRetryDelayMs('unavailable', '18000 (maintenance);duration=3600', 1, highest), REGISTER_RETRY_AFTER_MAX_MS);
    assert.equal(registrationRetryDelayMs('unavailable', '0', 1, highest), 1_000, 'never a tight loop, even when told 0');
  });

  it('backs off with jitter when the server gives no Retry-After, never sooner than the base', () => {
    assert.equal(registrationRetryDelayMs('unavailable', undefined, 1, lowest), REGISTER_RETRY_BASE_MS);
    assert.equal(registrationRetryDelayMs('timeout', 'soon', 1, lowest), REGISTER_RETRY_BASE_MS, 'an unreadable Retry-After is ignored');
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => registrationRetryDelayMs('unavailable', undefined, attempt, highest) ?? 0);
    for (let index = 1; index < delays.length; index++) assert.ok((delays[index] ?? 0) >= (delays[index - 1] ?? 0), `grows: ${delays.join(', ')}`);
    assert.ok((delays.at(-1) ?? 0) <= REGISTER_RETRY_BASE_MS + REGISTER_RETRY_CAP_MS, 'capped');
  });
});

describe('registrationFailure from the REGISTER response', () => {
  it('names the account problems apart from a server that is down', () => {
    assert.equal(registrationFailure('Rejected', 403), 'forbidden');
    assert.equal(registrationFailure('Not Found', 404), 'notFound');
    assert.equal(registrationFailure('SIP Failure Code', 503), 'unavailable');
    assert.equal(registrationFailure('SIP Failure Code', 500), 'unavailable');
    assert.equal(registrationFailure('Unavailable', 480), 'unavailable');
    assert.equal(registrationFailure('SIP Failure Code', 400), 'rejected');
    assert.equal(registrationFailure('Authentication Error', 401), 'authentication');
  });
});

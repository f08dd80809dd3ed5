import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../log/logger';
import { gatewayAccountCredential, GATEWAY_ACCOUNT_CREDENTIAL_ENV } from './gatewayCredential';
import { GATEWAY_ACCOUNT_CREDENTIAL, MemorySecretStore, SecretStoreError, type SecretStore } from './secretStore';

const log = silentLogger();

test('a provisioned credential is kept, and the kept one is used after a restart without the variable', () => {
  const secrets = new MemorySecretStore();
  assert.equal(gatewayAccountCredential(secrets, { [GATEWAY_ACCOUNT_CREDENTIAL_ENV]: 'cred-ada-0123456789' }, log), 'cred-ada-0123456789');
  assert.equal(secrets.get(GATEWAY_ACCOUNT_CREDENTIAL), 'cred-ada-0123456789');
  assert.equal(gatewayAccountCredential(secrets, {}, log), 'cred-ada-0123456789');
  assert.equal(gatewayAccountCredential(secrets, { [GATEWAY_ACCOUNT_CREDENTIAL_ENV]: 'cred-ada-rotated-987' }, log), 'cred-ada-rotated-987', 'a new one replaces it');
});

test('a store that refuses still lets this run use the given credential', () => {
  const broken: SecretStore = {
    get: () => {
      throw new SecretStoreError('locked');
    },
    set: () => {
      throw new SecretStoreError('locked');
    },
  };
  assert.equal(gatewayAccountCredential(broken, { [GATEWAY_ACCOUNT_CREDENTIAL_ENV]: 'cred-ada-0123456789' }, log), 'cred-ada-0123456789');
  assert.equal(gatewayAccountCredential(undefined, {}, log), undefined);
});

import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { ed25519PublicKey, isSignedByPinnedKey, parseSignatureFile } from './updateSignature';

const key = generateKeyPairSync('ed25519');
const pinned = Buffer.from(key.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
const data = Buffer.from('hearthline_1.2.0_amd64.deb contents');

describe('update signatures', () => {
  it('accepts the pinned key’s signature of exactly these bytes', () => {
    const signature = parseSignatureFile(`${sign(null, data, key.privateKey).toString('base64')}\n`);
    assert.equal(isSignedByPinnedKey(data, signature, ['not a key', pinned]), true);
    assert.equal(isSignedByPinnedKey(Buffer.concat([data, Buffer.from('x')]), signature, [pinned]), false, 'other bytes');
    assert.equal(isSignedByPinnedKey(data, signature, []), false, 'no pinned key');
  });

  it('treats junk as no signature and junk keys as no key', () => {
    for (const text of ['', 'not base64!', Buffer.alloc(63).toString('base64'), Buffer.alloc(65).toString('base64'), '<html>404</html>']) {
      assert.equal(parseSignatureFile(text), undefined, text);
    }
    assert.equal(isSignedByPinnedKey(data, undefined, [pinned]), false);
    assert.equal(isSignedByPinnedKey(data, Buffer.alloc(64), [pinned]), false);
    for (const bad of ['', 'abc', Buffer.alloc(31).toString('base64')]) assert.equal(ed25519PublicKey(bad), undefined, bad);
  });
});

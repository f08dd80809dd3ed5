import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodedRequestPath, isOwnHost } from './requestGuards';

describe('request guards', () => {
  it('accepts only this loopback port as Host', () => {
    assert.equal(isOwnHost('127.0.0.1:8080', 8080), true);
    assert.equal(isOwnHost('LOCALHOST:8080', 8080), true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:80', 'evil.example:8080', '127.0.0.1.evil.example:8080', '[::1]:8080 x', 'localhost:8080.evil']) {
      assert.equal(isOwnHost(host, 8080), false, String(host));
    }
    assert.equal(isOwnHost('127.0.0.1:0', 0), false);
  });

  it('decodes request paths and refuses the ones we never serve', () => {
    assert.equal(decodedRequestPath('/a%20b.js?x=%E0#y'), '/a b.js');
    for (const target of [undefined, '', 'ui.html', 'http://x/ui.html', '/%E0%A4%A', '/%', '/a%00b', '/a%5cb', '/a\\b']) {
      assert.equal(decodedRequestPath(target), undefined, String(target));
    }
  });

  it('never throws, whatever the bytes (bounded fuzz)', () => {
    for (let i = 0; i < 5_000; i++) {
      const length = Math.floor(Math.random() * 24);
      const target = '/' + Array.from({ length }, () => (Math.random() < 0.3 ? '%' : String.fromCharCode(Math.floor(Math.random() * 0x2fff)))).join('');
      const decoded = decodedRequestPath(target);
      if (decoded !== undefined) assert.ok(decoded.startsWith('/') && !decoded.includes('\0'), target);
      isOwnHost(target, 1 + (i % 65535));
    }
  });
});

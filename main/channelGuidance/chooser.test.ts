import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Customer } from '../../common/contract/context';
import { chooseChannel, isLinkHeavy, reachableChannels } from './chooser';

const customer = (overrides: Partial<Customer> = {}): Customer => ({
  id: 'c-1',
  name: 'Margaret Chen',
  phones: [
    { number: '1002', verified: true, label: 'home' },
    { number: '+441632960002', verified: true, label: 'mobile' },
  ],
  emails: [{ address: 'margaret.chen@example.com', verified: true }],
  segment: 'Gold',
  lifetimeValue: 1,
  currency: 'GBP',
  language: 'en',
  preferredChannel: 'sms',
  orderNumbers: [],
  ...overrides,
});
const plain = { linkHeavy: false, selfServiceable: false };

describe('follow-up channel chooser', () => {
  it("follows the customer's written preference, to a real mobile (never an internal extension)", () => {
    const choice = chooseChannel(customer(), plain);
    assert.deepEqual(choice.suggested, { channel: 'sms', to: '+441632960002', because: ['preference'] });
    assert.deepEqual(choice.options.map((option) => option.channel), ['sms', 'email']);
    assert.equal(chooseChannel(customer({ preferredChannel: 'email' }), plain).suggested?.to, 'margaret.chen@example.com');
  });

  it('a self-serviceable intent suggests a chat / self-service link to the phone, whatever the written preference', () => {
    const sms = chooseChannel(customer(), { ...plain, selfServiceable: true });
    assert.deepEqual(sms.suggested, { channel: 'chat', to: '+441632960002', because: ['selfService', 'preference'] });
    assert.deepEqual(sms.options.map((option) => option.channel), ['chat', 'sms', 'email']);
    assert.deepEqual(chooseChannel(customer({ preferredChannel: 'email' }), { ...plain, selfServiceable: true }).suggested?.because, ['selfService']);
    // No mobile: no chat link; the e-mail preference is used.
    const noMobile = chooseChannel(customer({ phones: [{ number: '1002', verified: true }], preferredChannel: 'email' }), { ...plain, selfServiceable: true });
    assert.equal(noMobile.suggested?.channel, 'email');
    assert.equal(noMobile.options.some((option) => option.channel === 'chat'), false);
  });

  it('without a written preference, the issue decides: the article\'s channel, else a link-heavy answer by e-mail, else SMS', () => {
    const voice = customer({ preferredChannel: 'voice' });
    assert.deepEqual(chooseChannel(voice, { ...plain, articleChannel: 'email' }).suggested, { channel: 'email', to: 'margaret.chen@example.com', because: ['article'] });
    assert.deepEqual(chooseChannel(voice, { ...plain, linkHeavy: true }).suggested?.because, ['linkHeavy']);
    assert.equal(chooseChannel(voice, plain).suggested?.channel, 'sms');
    assert.equal(chooseChannel(voice, { ...plain, articleChannel: 'chat' }).suggested?.channel, 'chat');
  });

  it('the preference wins over the article between SMS and e-mail, and says so when both agree', () => {
    assert.deepEqual(chooseChannel(customer(), { ...plain, articleChannel: 'email', linkHeavy: true }).suggested?.channel, 'sms');
    assert.deepEqual(chooseChannel(customer({ preferredChannel: 'email' }), { ...plain, articleChannel: 'email' }).suggested?.because, ['preference', 'article']);
  });

  it('falls back to the only way to reach the customer, and suggests nothing when there is none', () => {
    const emailOnly = customer({ phones: [{ number: '1002', verified: true }], preferredChannel: 'sms' });
    assert.deepEqual(chooseChannel(emailOnly, plain).suggested, { channel: 'email', to: 'margaret.chen@example.com', because: ['onlyOption'] });
    assert.deepEqual(chooseChannel(customer({ phones: [], emails: [] }), plain), { suggested: null, options: [] });
    assert.deepEqual(chooseChannel(undefined, { ...plain, selfServiceable: true }), { suggested: null, options: [] });
    assert.deepEqual(reachableChannels(undefined, true), []);
  });

  it('a verified mobile and address are preferred over unverified ones', () => {
    const options = reachableChannels(
      customer({ phones: [{ number: '+441632960999', verified: false }, { number: '+441632960002', verified: true }], emails: [{ address: 'old@example.com', verified: false }, { address: 'new@example.com', verified: true }] }),
      false,
    );
    assert.deepEqual(options, [{ channel: 'sms', to: '+441632960002' }, { channel: 'email', to: 'new@example.com' }]);
  });

  it('link-heavy: several links, or one link with a long answer', () => {
    assert.equal(isLinkHeavy('Short answer.', 'https://help.example.com/a'), false);
    assert.equal(isLinkHeavy('See https://a.example.com and the form', 'https://help.example.com/a'), true);
    assert.equal(isLinkHeavy('x'.repeat(200), 'https://help.example.com/a'), true);
    assert.equal(isLinkHeavy('x'.repeat(200), undefined), false);
  });
});

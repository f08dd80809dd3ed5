import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_DISPOSITIONS } from '../../../common/contract/gateway';
import type { AppLanguage } from '../../../common/i18n/language';
import { draftWrapUp, type DraftTurn } from '../wrapupDraft';

const codes = FALLBACK_DISPOSITIONS.map((d) => d.code);
const said = (leg: DraftTurn['leg'], text: string): DraftTurn => ({ leg, text, sentiment: 0, cues: [] });
/** The draft of a call no knowledge article was suggested for (the topic sentence was lost). */
const draftWithoutArticle = (turns: DraftTurn[], language?: AppLanguage) => draftWrapUp({ callId: 'c', turns, articles: [], dispositions: codes, now: 1000, language });

// A greeting or a filler word is never a call's reason, in any of the app's languages.
const GREETINGS = /^(?:customer said: |客户说：|客戶說：)?(?:hello|hi|hiya|hey|yes|yeah|ok|okay|mm|thanks|喂|你好|您好|嗯|哦|係呀|系呀|是的|好的|唔該|谢谢)[\s,.!?，。！？]*$/i;

describe('the call reason when no article fits', () => {
  it('is the customer turn with the most content words, never the greeting the customer opened with', () => {
    const draft = draftWithoutArticle([
      said('agent', 'Hearthline, you are speaking to Sam, how can I help?'),
      said('customer', 'hello'),
      said('agent', 'hello, are you there?'),
      said('customer', 'yes'),
      said('customer', 'the heater in my bedroom stopped working on Sunday and it is freezing'),
      said('customer', 'thanks'),
    ]);
    assert.doesNotMatch(draft.reason, GREETINGS);
    assert.match(draft.reason, /heater in my bedroom stopped working/);
    assert.match(draft.notes, /^Reason: .*heater/m);
  });

  it('drops a greeting in front of the topic, in Chinese too', () => {
    const draft = draftWithoutArticle([said('customer', '喂，你好'), said('customer', '喂，我家网断了，一直连不上。'), said('customer', '嗯')], 'zh-Hans');
    assert.doesNotMatch(draft.reason, /喂|你好/);
    assert.match(draft.reason, /我家网断了/);
  });

  it('does not count masked sensitive items as words the customer said', () => {
    const draft = draftWithoutArticle([said('customer', '[card number] [card number] [security code]'), said('customer', 'I need the invoice for my desk sent again')]);
    assert.match(draft.reason, /invoice for my desk/);
  });

  it('prefers what the customer wanted to the turn that gave a reference number', () => {
    const draft = draftWithoutArticle([said('customer', 'hello'), said('customer', 'the larger reference number printed on the blue letter is five five one two three nine eight'), said('customer', 'the heater broke')]);
    assert.match(draft.reason, /heater broke/);
    // Said alone, the reference turn is still what the customer said.
    assert.match(draftWithoutArticle([said('customer', 'hi'), said('customer', 'my order number is five five one two three nine eight')]).reason, /order number/);
  });

  it('says plainly, in the agent’s language, that no reason was heard when the customer only greeted', () => {
    const english = draftWithoutArticle([said('customer', 'hello'), said('agent', 'how can I help you today?'), said('customer', 'yes, hi'), said('customer', 'okay thanks bye')]);
    assert.doesNotMatch(english.reason, GREETINGS);
    assert.equal(english.reason, 'No call reason was heard');
    const simplified = draftWithoutArticle([said('customer', '喂'), said('customer', '你好'), said('customer', '嗯，好的')], 'zh-Hans');
    assert.equal(simplified.reason, '没有听到来电原因');
    const traditional = draftWithoutArticle([said('customer', '喂'), said('customer', '係呀'), said('customer', '哦，唔該')], 'zh-Hant');
    assert.equal(traditional.reason, '沒有聽到來電原因');
    // Only masks are no reason either.
    assert.equal(draftWithoutArticle([said('customer', 'hi'), said('customer', '[card number] [one-time code]')]).reason, 'No call reason was heard');
  });

  it('still names the leading article when one was suggested, and writes nothing when nothing was heard', () => {
    const draft = draftWrapUp({ callId: 'c', turns: [said('customer', 'hello')], articles: [{ articleId: 'returns-refunds', title: 'Returns and refunds', weight: 1 }], dispositions: codes, now: 1000 });
    assert.equal(draft.reason, 'Returns and refunds');
    assert.equal(draftWithoutArticle([]).reason, '');
  });
});

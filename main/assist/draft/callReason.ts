// Pure: the call reason when no knowledge article led the suggestions (the sentence that named the topic
// was lost, or no article fits). A greeting or a filler word is never a reason: the customer turn with
// the most content words is, with the greetings in front of it dropped; when the customer only greeted,
// the draft says so in the agent's language instead of quoting "hello".
import type { AppLanguage } from '../../../common/i18n/language';
import { MASK_PATTERN } from '../redaction/redactor';
import { queryTerms } from '../text';
import { givesDetails } from './callEntities';

/** Greetings, yes/no and filler in English, Mandarin and Cantonese (as queryTerms leaves them). */
const FILLER = new Set(
  (
    'hello hi hiya hey yes yeah yep yup no nope ok okay alright right mm mhm uh um hmm ah oh sure fine great cheers ta thanks thank bye goodbye ' +
    'morning afternoon evening good there anyone hear hearing line ' +
    '喂 你好 您好 嗨 哈喽 哈囉 早晨 早上好 下午好 晚上好 嗯 嗯嗯 哦 噢 啊 呃 唔 对 對 是 是的 是呀 係 係呀 系 系呀 好 好的 好啊 好啦 行 得 ok 冇问题 冇問題 没问题 沒問題 ' +
    '谢谢 謝謝 多谢 多謝 唔该 唔該 唔该晒 唔該晒 再见 再見 拜拜 收到 明白 知道 听到 聽到 听唔到 聽唔到 喺度 在吗 在嗎'
  ).split(/\s+/),
);

/** A greeting or filler at the start of a turn, with the punctuation after it. */
const LEADING_FILLER =
  /^(?:(?:hello|hi|hiya|hey|yes|yeah|yep|ok|okay|oh|um|uh|mm|right|well|good (?:morning|afternoon|evening))\b[\s,.!?-]*|(?:喂|你好|您好|嗨|哈喽|哈囉|早晨|嗯|哦|噢|啊|呃|係呀|系呀|是呀|是的|好的)[\s,.!?，。！？、…]*)+/iu;

const WORDS: Readonly<Record<AppLanguage, { customerSaid: string; nothingHeard: string }>> = {
  en: { customerSaid: 'Customer said: ', nothingHeard: 'No call reason was heard' },
  'zh-Hans': { customerSaid: '客户说：', nothingHeard: '没有听到来电原因' },
  'zh-Hant': { customerSaid: '客戶說：', nothingHeard: '沒有聽到來電原因' },
};

/** The words of a turn that can say why someone called: no greetings, fillers or masked items. */
export function contentWords(text: string): string[] {
  return queryTerms(text.replace(MASK_PATTERN, ' ')).filter((word) => !FILLER.has(word));
}

/**
 * The reason from the customer's own turns: the one with the most content words (the first of equals; one
 * that gives a reference number only when no other has any),
 * its opening greetings dropped, up to twelve words or forty characters. '' when nothing at all was said.
 */
export function reasonFromTurns(customerTurns: readonly string[], heardAnything: boolean, language: AppLanguage = 'en'): string {
  const words = WORDS[language];
  // A turn that only identifies the caller ("my order number is …") is quoted only when nothing else was said.
  let best: { text: string; count: number; topical: boolean } | undefined;
  for (const text of customerTurns) {
    const count = contentWords(text).length;
    const topical = !givesDetails(text);
    if (count > 0 && (!best || (topical && !best.topical) || (topical === best.topical && count > best.count))) best = { text, count, topical };
  }
  if (!best) return heardAnything ? words.nothingHeard : '';
  const quoted = best.text.trim().replace(LEADING_FILLER, '').trim() || best.text.trim();
  const short = /\s/.test(quoted) ? quoted.split(/\s+/).slice(0, 12).join(' ') : [...quoted].slice(0, 40).join('');
  return `${words.customerSaid}${short}`;
}

// Pure: what the agent did on the call, read from both legs of the (redacted) transcript: the outcome
// code for the wrap-up form and the agent's promises (what, by when). The agent's own words decide the
// outcome ("I've issued the refund", "I've cancelled it", "let me put you through to my team leader",
// "I'll call you back tomorrow", 已经帮你退款, 帮你取消咗, 转接主管); the customer's words only add
// "that's worked" for a fix. Sentences with a negation or a question never count as done.
import type { StandardDisposition } from '../../../common/contract/gateway';
import { futureDates, type CallTurn } from './callEntities';

/**
 * The ways an agent says they did or will do something. Not a bare "we" ("we refund within 14 days" is
 * policy) nor "I can" (an offer).
 */
const AGENT_DOES = String.raw`(?:i've|i have|we've|we have|i'll|i will|we'll|we will|i'm going to|i am going to|we're going to|i'm|we're|i|let me)(?: (?:now|just|also|gone ahead and|go ahead and|quickly|already|then))*`;
const agent = (verbs: string, rest = '') => new RegExp(String.raw`\b${AGENT_DOES} (?:${verbs})\b${rest}`, 'i');
const either = (...patterns: RegExp[]) => new RegExp(patterns.map((p) => p.source).join('|'), 'i');

/** A complaint taken without the word: "I'm recording this formally", "put this on record", 正式登记下来. */
const FORMAL_RECORD = /\b(?:record(?:ing|ed)?|log(?:ging|ged)?|put(?:ting)?|not(?:e|ing|ed)) (?:this|it|that|your \w+)(?: \w+){0,3} (?:formally|on record)\b|\bformally (?:record|log|register)|\bput (?:this|it) on (?:the )?record|正式(?:登记|登記|记录|記錄|受理)/i;
/** Put through to someone now (not a hand-over for later): the call itself was escalated. */
const LIVE_TRANSFER = /\b(?:put(?:ting)? you through|transfer(?:ring)? you)\b|转接|轉接|轉駁/i;

/** Outcome rules in priority order: the first whose pattern an agent clause matches wins. */
const AGENT_OUTCOMES: Array<[StandardDisposition, RegExp]> = [
  [
    'escalated',
    either(
      agent(String.raw`put(?:ting)? you through|transfer(?:ring)? you|pass(?:ing)? (?:you|it|this|your \w+)(?: on| over)? to|escalat(?:e|ed|ing)|get(?:ting)? (?:my|a|the) (?:team leader|supervisor|manager)|rais(?:e|ed|ing) (?:it|this) with (?:my|a|the) (?:team leader|supervisor|manager)`),
      /\b(?:put(?:ting)? you through to|transfer(?:ring)? you to|escalat(?:e|ed|ing) (?:it|this|your))\b/i,
      /\b(?:my|the) (?:team leader|supervisor|manager) (?:will|is going to|can) (?:take|call|speak|look|come)/i,
      /转接|轉接|轉駁|转给(?:主管|经理|领导|上级)|轉俾(?:主管|經理|上司)|交给(?:主管|经理|上级)|升级处理|升級處理|上报|上報|(?:帮您|给您|幫你)(?:转|轉)|(?:找|叫|请|請|搵)(?:主管|经理|經理|上司)/,
    ),
  ],
  [
    'complaint_logged',
    either(
      agent(String.raw`log(?:ged)?|rais(?:e|ed)|register(?:ed)?|record(?:ed)?|open(?:ed)?|file[d]?|submit(?:ted)?|put in|take|taken`, String.raw` (?:a |an |your |this as a )?(?:formal |official )?complaint`),
      /\bcomplaint (?:has been|is|was) (?:logged|raised|registered|recorded|filed|submitted)/i,
      /(?:登记|登記|记录|記錄|提交|受理)(?:了|咗|左)?.{0,4}(?:投诉|投訴)|(?:投诉|投訴)(?:已经|已經)?(?:登记|登記|记录|記錄|提交|受理)/,
      FORMAL_RECORD,
    ),
  ],
  [
    'cancelled',
    either(
      agent(String.raw`cancell?(?:ed|ing)?`, String.raw`(?! it\?)`),
      /\b(?:that's|that has|it's|it has|has|have|it is|is|order is|order's|booking is|been) (?:now |all )?(?:been )?cancell?ed\b/i,
      /\bcancell?ation (?:is |has been )?(?:done|confirmed|complete|through)/i,
      /(?:已经|已經|已)?(?:帮您|帮你|给您|为您|幫你|同你)?取消(?:了|咗|左|成功|好了)|已取消|(?:帮您|帮你|给您|為您|幫你|同你)取消/,
    ),
  ],
  [
    'refund_issued',
    either(
      agent(String.raw`issu(?:e|ed|ing)|process(?:ed|ing)?|put(?:ting)? through|rais(?:e|ed)|arrang(?:e|ed)|do|done|authori[sz](?:e|ed)|approv(?:e|ed)|sort(?:ed)?|give you|giv(?:e|en)`, String.raw` (?:you )?(?:the |a |your |you a |a full |the full |full )?(?:full )?refund`),
      agent(String.raw`refund(?:ed|ing)?`),
      agent(String.raw`put|process|issue|arrange|get|raise|authori[sz]e|approve|sort|start|set up|organi[sz]e|send`, String.raw`[^.,;]{0,20}\brefund\b`),
      /\brefund (?:has been|is|was|'s been) (?:issued|processed|done|put through|approved|on its way)/i,
      // Recognisers drop the "I've" before a past participle: "and issued a refund now".
      /\b(?:issued|processed|put through|authori[sz]ed) (?:a|the|your) (?:full )?refund\b/i,
      /\byou'll (?:get|receive|have) (?:a |the |your )?(?:full )?refund\b/i,
      /退款(?:了|咗|成功)|(?:已经|已經|已)(?:帮你|帮您|给您|幫你|同你)?(?:退款|退钱|退錢)|退(?:给|俾)(?:您|你)(?:了)?|退咗(?:款|錢|钱)?|退返(?:俾你)?(?:咗)?|(?:帮您|给您|幫你|同你)(?:办理|安排|處理|处理)?(?:退款|退錢|退钱)/,
    ),
  ],
  [
    'replacement_sent',
    either(
      agent(String.raw`sen[dt]|sending|dispatch(?:ed|ing)?|post(?:ed|ing)?|order(?:ed|ing)?|arrang(?:e|ed|ing)|get|got|organi[sz](?:e|ed)|ship(?:ped|ping)?`, String.raw`(?: you)?(?: out)? (?:a |an |the |your )?(?:new|replacement|another|fresh|second|\w+ out)\b`),
      /\breplacement (?:is|has been|'s been|will be) (?:sent|dispatched|on its way|ordered|arranged|posted)/i,
      /\b(?:a|the|your) (?:new one|replacement) (?:is|will be|has been) (?:sent|on its way|with you|delivered|dispatched)/i,
      /(?:重新|再)(?:寄|发|發)|补发|補發|补寄|補寄|寄(?:一)?(?:个|個)新|寄過個新|寄(?:返)?個新|換(?:個|过|過)新|換過(?:個|个)新|换过(?:个)?新|换(?:一)?(?:个|個)新|换货|換貨|重新发货|重新發貨/,
    ),
  ],
  [
    'callback_scheduled',
    either(
      /\b(?:i'll|i will|we'll|we will|someone will|somebody will|they'll|they will|he'll|she'll|\w+ will|i'm going to|we're going to) (?:\w+ ){0,3}?(?:call|ring|phone|contact) you\b/i,
      /\b(?:call|ring|phone) you back\b|\bget back to you\b|\bgive you a (?:call|ring)(?: back)?\b|\bexpect a call\b/i,
      /(?:给|俾|打给)(?:您|你)(?:回|打)?(?:个|個)?电话|回电|回電|打返(?:俾|畀)你|覆你|回覆你|回复您|回复你|再(?:联系|聯絡|联络)(?:您|你)|(?:联系|聯絡)(?:您|你)/,
    ),
  ],
  [
    'resolved',
    either(
      /\b(?:that's|it's|that has|it has|has|that should be|it should be|you're|you are|that is|it is) (?:now |all )?(?:gone through|sorted|fixed|working|done|been reset|been changed|been updated|updated|changed|all set|good to go|unlocked|back on)/i,
      agent(String.raw`reset|unlock(?:ed)?|updat(?:e|ed)|chang(?:e|ed)|fix(?:ed)?|sort(?:ed)?|appl(?:y|ied)|add(?:ed)?|remov(?:e|ed)|reactivat(?:e|ed)|activat(?:e|ed)`, String.raw`(?! (?:you|it)\?)`),
      /(?:已经|已經)?(?:帮您|帮你|幫你|同你)?(?:重置|修改|改|更新|处理|處理|弄|搞|激活|开通|開通)好(?:了|咗)|改好了|搞掂|搞定|解决了|解決咗|验证通过|可以登录了|已经好了|已經得/,
      // The agent's one-word report that the change is made: "Done.", "All done."
      /^(?:all |that's all |that's )?done[.!]?$/i,
    ),
  ],
];
const CUSTOMER_FIXED = /\b(?:it's|that's|it has|that has) (?:gone through|worked|working)|\bit works\b|可以了|得咗|搞掂咗/i;
const NEGATION = /\b(?:can't|cannot|can not|unable|won't|not able|don't|isn't|haven't|couldn't)\b|不能|不可以|无法|無法|唔可以|唔得|冇辦法|没办法/i;

/** A turn cut into clauses: sentences, then ", so", "but", "and then", Chinese commas. */
export function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*|[,，;；]\s*(?:so|but|and then|then)\b|\b(?:but|so)\b|[，,；;]/iu)
    .map((part) => part?.trim() ?? '')
    .filter(Boolean);
}

function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?。！？]+[.!?。！？]?/gu) ?? [text]).map((s) => s.trim()).filter(Boolean);
}

function agentDid(turns: readonly CallTurn[], code: StandardDisposition, pattern: RegExp): boolean {
  for (const turn of turns) {
    if (turn.leg !== 'agent') continue;
    for (const sentence of sentencesOf(turn.text)) {
      if (/[?？]$/.test(sentence)) continue;
      for (const clause of clauses(sentence)) {
        if (!pattern.test(clause)) continue;
        // "I can't cancel it", "不能退款": not done. A transfer after "I can't …, so" is its own clause.
        if (NEGATION.test(clause) && code !== 'escalated') continue;
        return true;
      }
    }
  }
  return false;
}

/** The outcome code: the highest-priority thing the agent did, among the codes the catalogue offers. */
export function classifyDisposition(turns: readonly CallTurn[], available: readonly string[]): string {
  const offered = (code: string) => available.length === 0 || available.includes(code);
  // A complaint recorded formally and handed to a supervisor for later is the complaint; a call put
  // through to one now is escalated.
  if (offered('complaint_logged') && agentDid(turns, 'complaint_logged', FORMAL_RECORD) && !agentDid(turns, 'escalated', LIVE_TRANSFER)) return 'complaint_logged';
  for (const [code, pattern] of AGENT_OUTCOMES) {
    if (!offered(code)) continue;
    if (agentDid(turns, code, pattern)) return code;
    if (code === 'resolved' && turns.some((turn) => turn.leg === 'customer' && CUSTOMER_FIXED.test(turn.text))) return code;
  }
  for (const fallback of ['information_given', 'info_given', 'resolved']) if (offered(fallback) && available.includes(fallback)) return fallback;
  return available[0] ?? 'information_given';
}

export interface AgentPromise {
  /** The agent's words (one sentence). */
  what: string;
  /** YYYY-MM-DD when the sentence names a day. */
  due?: string;
}

const EN_PROMISE =
  /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i am going to|let me|i've|i have|we've|we have|that's|i'm)\s+(?:\w+\s+){0,3}?(?:send|sent|sending|email|e-mail|emailed|text|texted|refund|refunded|refunding|issue|issued|arrange|arranged|call|ring|phone|book|booked|pencilled|process|processed|raise|raised|log|logged|escalate|escalated|transfer|transferring|put|credit|credited|replace|collect|post|posted|organi[sz]e|organi[sz]ed|sort|sorted|check|cancel|cancelled|canceled|cancelling|reset|run|pass|passing|waive|waived|add|added|apply|applied|change|changed|update|updated|done|get|make|follow|note|noted|flag|flagged|chase|order|ordered|dispatch|dispatched|keep|look into|contact)\b/i;
const EN_OUTCOME_PROMISE =
  /\b(?:you'll|you will|it'll|it will|it should|should be|that'll|they'll|they will|the \w+ will|will go back|goes back|will be)\b.*\b(?:get|have|receive|reach|see|be with you|back|delivered|arrive|call|pick|picks|collect|within|by|on)\b/i;
const ZH_PROMISE = /(?:我会|我會|我們會|我哋會|我们会|我已经|我已經|已经帮|已經幫|帮您|帮你|幫你|同你|给您|俾你|稍后|稍後|等陣|等阵|马上|馬上|会给|會俾|主管会|主管會|我把|我哋會|我们已经).{0,30}?(?:发|發|寄|退|安排|回电|回電|处理|處理|登记|登記|记录|記錄|转|轉|补|補|上门|上門|取消|重置|覆|送到|到账|到賬|通知|跟进|跟進|打|联系|聯絡|提交|申请|申請|换|換|减免|減免|补偿|補償)|(?:内|內)(?:到账|到賬|退回|回复|回覆|覆你|送到|处理|處理)|之前送到|送到|会有(?:人|同事)|會有(?:人|同事)/u;
/** Something already on its way to the customer: "the reset link is on its way", 链接已经发到您的邮箱. */
const SENT_PROMISE = /\b(?:is|are|'s) on (?:its|their) way\b|\b(?:has|have) been (?:sent|posted|emailed|dispatched)\b|(?:已经|已經)(?:发|發|寄|send|sent)(?:咗|了)?(?:到|去|给|俾)/iu;
/** "我哋聽日下晝覆你", "我们明天给您寄出": we, a day or time, then what will happen. */
const ZH_WE_WILL = /(?:我哋|我们|我們)[^，。,.!?！？]{0,10}?(?:覆|回电|回電|打(?:返|给|俾|畀)?(?:你|您)|通知|发|發|寄|送|退|补偿|補償|减免|減免)/u;
const NOT_A_PROMISE = /^(?:can|could|may|would|do|are|is|what|which|and the|thank|thanks)\b|[?？]$/i;
/** Holding phrases and identity checks sound like promises but commit to nothing for the customer. */
const HOLDING = /^(?:let me|i'll|i will)\s+(?:just\s+)?(?:check|see|look|have a look|take a look|pull up|find)\b[^,;]{0,25}[.!]?$|\b(?:one-time code|passcode|verification code)\b|验证码|驗證碼|请念|請念/i;

/** What the agent committed to or did for the customer, one sentence each, with its day when it names one. */
export function findPromises(turns: readonly CallTurn[], callDate: Date, max = 8): AgentPromise[] {
  const found: AgentPromise[] = [];
  for (const turn of turns) {
    if (turn.leg !== 'agent') continue;
    for (const sentence of sentencesOf(turn.text)) {
      if (NOT_A_PROMISE.test(sentence) || HOLDING.test(sentence)) continue;
      if (!(EN_PROMISE.test(sentence) || EN_OUTCOME_PROMISE.test(sentence) || ZH_PROMISE.test(sentence) || SENT_PROMISE.test(sentence) || ZH_WE_WILL.test(sentence))) continue;
      if (found.some((p) => p.what === sentence)) continue;
      const due = futureDates(sentence, callDate)[0];
      found.push(due ? { what: sentence, due } : { what: sentence });
    }
  }
  return found.slice(0, max);
}

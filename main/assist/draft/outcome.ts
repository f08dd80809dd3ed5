// Pure: what the agent did on the call, read from both legs of the (redacted) transcript: the outcome
// code for the wrap-up form and the agent's promises (what, by when). The agent's own words decide the
// outcome ("I've issued the refund", "I've cancelled it", "let me put you through to my team leader",
// "I'll call you back tomorrow", 已经帮你退款, 帮你取消咗, 转接主管); the customer's words only add
// "that's worked" for a fix. Sentences with a negation or a question never count as done.
import type { StandardDisposition } from '../../../common/contract/gateway';
import { futureDates, type CallTurn } from './callEntities';

/** Outcome rules in priority order: the first whose pattern an agent clause matches wins. */
const AGENT_OUTCOMES: Array<[StandardDisposition, RegExp]> = [
  [
    'escalated',
    /\b(put(?:ting)? you through|transfer(?:ring)? you|pass(?:ing)? (?:you|it|this) (?:on |over )?to|escalat(?:e|ed|ing))\b.*|\b(?:speak|talk) to my (?:team leader|supervisor|manager)|转接|轉接|轉駁|转给(?:主管|经理|领导|上级)|轉俾(?:主管|經理)|交给(?:主管|经理)|升级处理|升級處理/i,
  ],
  ['complaint_logged', /\b(?:logged|raised|registered|recorded|opened) (?:a |an |your )?(?:formal )?complaint|complaint (?:has been|is) (?:logged|raised|registered)|登记(?:了)?投诉|登記咗投訴|登記左投訴|记录了投诉|已经投诉|登记.{0,4}投诉|登記.{0,4}投訴/i],
  ['cancelled', /\b(?:i've|i have|we've|we have|i|that's|has been|it's been|is now|is) (?:now |just |gone and )?cancell?ed\b|\bcancell?ation (?:is |has been )?(?:done|confirmed|complete)|已经(?:帮您|帮你|给您|为您)?取消|取消了|取消咗|已經(?:幫你)?取消/i],
  [
    'refund_issued',
    /\b(?:i've|i have|we've|we have|i|i just) (?:now |just )?(?:issued|processed|put through|refunded|raised|done) (?:the |a |your |you )?(?:full )?refund|\b(?:i've|i have|we've|we have) (?:now |just )?refunded\b|\brefund (?:has been|is) (?:issued|processed|done)|退款了|已经(?:帮你|帮您|给您)?退款|退给您了|退给你了|退咗款|退返(?:俾你)?咗|已經幫你退/i,
  ],
  [
    'replacement_sent',
    /\b(?:i've|i have|we've|we have|i'll|i will|we'll|we will|i'm going to|i am going to|going to) (?:now |just |also )?(?:sent|send|dispatched|dispatch|posted|post|ordered|order|arranged|arrange) (?:out )?(?:a |an |the |your )?(?:new|replacement|another|fresh|\w+ out)\b|\breplacement (?:is|has been) (?:sent|dispatched|on its way|ordered)|(?:重新|再)(?:寄|发|發)|补发|補發|寄(?:一)?个新|寄過個新|寄個新|換個新|换一个新/i,
  ],
  [
    'callback_scheduled',
    /\b(?:i'll|i will|we'll|we will|someone will|they'll|they will|will) (?:\w+ ){0,2}(?:call|ring|phone) you\b|\b(?:call|ring|phone) you back\b|给您回电|给你回电|回电话给您|回電|打返俾你|覆你|回覆你|回复您|打电话给您/i,
  ],
  [
    'resolved',
    /\b(?:that's|it's|that has|it has|has) (?:now )?(?:gone through|sorted|fixed|working|been reset|been changed|been updated)|\b(?:i've|i have) (?:now )?(?:reset|unlocked|updated|changed|fixed|sorted)\b|(?:已经|已經)?(?:帮您|帮你|幫你)?(?:重置|修改|改|更新|处理|處理)好了|改好了|搞掂|解决了|解決咗|验证通过|可以登录了/i,
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
  /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i am going to|let me|i've|i have|we've|that's)\s+(?:\w+\s+){0,3}?(?:send|sent|email|e-mail|emailed|text|refund|refunded|issue|issued|arrange|arranged|call|ring|book|booked|pencilled|process|processed|raise|raised|log|logged|escalate|transfer|put|credit|credited|replace|collect|post|posted|organi[sz]e|sort|check|cancel|cancelled|canceled|reset|run|pass|waive|waived|add|added|change|changed|update|updated|done)\b/i;
const EN_OUTCOME_PROMISE =
  /\b(?:you'll|you will|it'll|it will|it should|should be|that'll|they'll|they will|the \w+ will|will go back|goes back|will be)\b.*\b(?:get|have|receive|reach|see|be with you|back|delivered|arrive|call|pick|picks|collect|within|by|on)\b/i;
const ZH_PROMISE = /(?:我会|我們會|我哋會|我们会|我已经|我已經|已经帮|已經幫|帮您|帮你|幫你|给您|俾你|稍后|稍後|等陣|等阵|马上|馬上|会给|會俾|主管会|主管會).{0,30}?(?:发|發|寄|退|安排|回电|回電|处理|處理|登记|登記|转|轉|补|補|上门|上門|取消|重置|覆|送到|到账|到賬|通知|跟进|跟進|打)|(?:内|內)(?:到账|到賬|退回|回复|回覆|覆你)|之前送到|送到/u;
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
      if (!(EN_PROMISE.test(sentence) || EN_OUTCOME_PROMISE.test(sentence) || ZH_PROMISE.test(sentence))) continue;
      if (found.some((p) => p.what === sentence)) continue;
      const due = futureDates(sentence, callDate)[0];
      found.push(due ? { what: sentence, due } : { what: sentence });
    }
  }
  return found.slice(0, max);
}

// Pure: per-turn sentiment and escalation cues. English uses AFINN-165 (npm `sentiment`) plus contact-
// centre words AFINN does not score ("broken", "refund", "again", …); Chinese uses jieba words and a small
// cue lexicon. The call's trend is an exponential moving average of the customer's turns.
import Sentiment from 'sentiment';
import { detectLanguage, segmenter } from './text';

/** Contact-centre words, AFINN scale (-5 … +5). */
export const EN_CUES: Record<string, number> = {
  broken: -3, damaged: -3, faulty: -3, defective: -3, cracked: -2, refund: -1, complaint: -3, complain: -3,
  unacceptable: -4, ridiculous: -3, useless: -3, waiting: -1, waited: -2, again: -1, still: -1, never: -2,
  late: -2, missing: -2, wrong: -2, cancel: -2, overcharged: -3, charged: -1, twice: -1, supervisor: -2,
  manager: -1, lawyer: -3, solicitor: -3, sue: -4, ombudsman: -3, frustrated: -3, fed: -2, disappointed: -3,
  sorted: 2, resolved: 2, brilliant: 3, perfect: 3, helpful: 2, appreciate: 2,
};

export const ZH_CUES: Record<string, number> = {
  坏: -3, 坏了: -3, 破: -2, 破损: -3, 损坏: -3, 投诉: -4, 生气: -3, 愤怒: -4, 失望: -3, 太差: -4, 差: -2, 糟糕: -3,
  垃圾: -4, 不满: -3, 不满意: -3, 退款: -1, 退货: -1, 又: -1, 还是: -1, 一直: -1, 取消: -2, 经理: -1, 主管: -1,
  律师: -3, 起诉: -4, 法院: -3, 消协: -3, 骗: -4, 慢: -1, 谢谢: 2, 感谢: 2, 满意: 3, 很好: 3, 太好了: 3, 解决: 2, 好的: 1,
};

export type EscalationCue = 'cancel' | 'complaint' | 'supervisor' | 'legal';

const EN_ESCALATION: Array<[EscalationCue, RegExp]> = [
  ['cancel', /\b(cancel(l?ing|l?ed)?|close my account|terminate|leave you|switch(ing)? provider)\b/i],
  ['complaint', /\b(complain(t|ts|ing)?|formal complaint|unacceptable|ridiculous)\b/i],
  ['supervisor', /\b(supervisor|manager|someone senior|escalate)\b/i],
  ['legal', /\b(lawyer|solicitor|legal action|sue|court|ombudsman|trading standards)\b/i],
];
const ZH_ESCALATION: Array<[EscalationCue, RegExp]> = [
  ['cancel', /取消|退订|销户|不用了/],
  ['complaint', /投诉|不满/],
  ['supervisor', /经理|主管|领导|上级/],
  ['legal', /律师|起诉|法院|消协|12315/],
];

const analyzer = new Sentiment();
const NEGATORS_ZH = /^(不|没|没有|别|未)$/;

export interface TurnSentiment {
  /** -1 … +1 */
  score: number;
  cues: EscalationCue[];
}

function squash(raw: number, words: number): number {
  if (words === 0) return 0;
  // AFINN sums to an unbounded score; scale by sqrt(length) so long turns are not extreme, then clamp.
  const value = raw / (3 * Math.sqrt(Math.max(1, words)));
  return Math.max(-1, Math.min(1, Math.round(value * 1000) / 1000));
}

export function scoreTurn(text: string): TurnSentiment {
  const lang = detectLanguage(text);
  const cues = new Set<EscalationCue>();
  for (const [cue, pattern] of lang === 'zh' ? ZH_ESCALATION : EN_ESCALATION) if (pattern.test(text)) cues.add(cue);
  if (lang === 'zh') {
    const words = segmenter().cut(text, false).filter((w) => w.trim() && !/^\p{P}+$/u.test(w));
    let raw = 0;
    words.forEach((word, i) => {
      const value = ZH_CUES[word];
      if (value === undefined) return;
      raw += i > 0 && NEGATORS_ZH.test(words[i - 1]!) ? -value : value;
    });
    return { score: squash(raw, words.length), cues: [...cues] };
  }
  const result = analyzer.analyze(text, { extras: EN_CUES });
  return { score: squash(result.score, result.tokens.length), cues: [...cues] };
}

/** Smoothed sentiment over the customer's turns (EMA), oldest first. */
export function trend(scores: readonly number[], alpha = 0.5): number[] {
  const out: number[] = [];
  let current: number | undefined;
  for (const score of scores) {
    current = current === undefined ? score : alpha * score + (1 - alpha) * current;
    out.push(Math.round(current * 1000) / 1000);
  }
  return out;
}

// Script fit of the suggestions for Chinese questions: a Simplified-Chinese caller should see the
// Simplified article of a topic first when one exists, a Traditional (or Cantonese) caller the Traditional
// one, and the other scripts' copies of the same topic should not take the other places of the top 3.
// Pure: works on the first three articles shown per query (EvalResult.top) and the articles' languages.
import { toSimplified } from '../spoken';
import { detectLanguage } from '../text';
import type { EvalResult, LabelledQuery } from './retrievalEval';

export type Script = 'simplified' | 'traditional';

/** The script an article is written in, from its language tag (zh, zh-Hans, zh-CN: Simplified). */
export function articleScript(lang: string): Script | undefined {
  const tag = lang.toLowerCase();
  if (!tag.startsWith('zh') && tag !== 'yue') return undefined;
  return /hant|-tw|-hk|-mo|yue/.test(tag) ? 'traditional' : 'simplified';
}

/** The script the customer's question is written in; mostly-Chinese mixed questions by their characters. */
export function queryScript(q: Pick<LabelledQuery, 'lang' | 'text'>): Script | undefined {
  if (q.lang === 'zh-Hans') return 'simplified';
  if (q.lang === 'zh-Hant' || q.lang === 'yue') return 'traditional';
  // A mixed question is a Chinese caller's only when its words are mostly Chinese ("my 快递 never came" is English).
  if (q.lang === 'mixed' && detectLanguage(q.text) === 'zh') return toSimplified(q.text) === q.text ? 'simplified' : 'traditional';
  return undefined;
}

export interface ScriptFit {
  /** Chinese questions whose topic has a right article in the question's script. */
  n: number;
  /** Of those, the share whose first card is a right article in the question's script. */
  firstInScript: number;
  /** Of those, the share whose first card is a right article in any script (hit@1 on the same queries). */
  firstRight: number;
  /** Of those, the share whose top 3 hold two or more copies of the right topic (one crowds out another topic). */
  crowded: number;
}

export function scriptFit(queries: readonly LabelledQuery[], result: EvalResult, langOf: (articleId: string) => string | undefined): ScriptFit {
  let n = 0;
  let inScript = 0;
  let right = 0;
  let crowded = 0;
  for (const q of queries) {
    const script = queryScript(q);
    if (!script) continue;
    const ownScript = (id: string) => articleScript(langOf(id) ?? '') === script;
    if (!q.relevant.some(ownScript)) continue;
    n += 1;
    const top = result.top.get(q.id) ?? [];
    const first = top[0];
    if (first && q.relevant.includes(first)) {
      right += 1;
      if (ownScript(first)) inScript += 1;
    }
    if (top.filter((id) => q.relevant.includes(id)).length >= 2) crowded += 1;
  }
  const share = (count: number) => count / (n || 1);
  return { n, firstInScript: share(inScript), firstRight: share(right), crowded: share(crowded) };
}

export function scriptFitLine(fit: ScriptFit): string {
  const pct = (value: number) => `${Math.round(value * 100)} %`;
  return `script fit (${fit.n} Chinese questions with an article in their script): first card right and in the question's script ${pct(fit.firstInScript)} (right in any script ${pct(fit.firstRight)}); two copies of the right topic in the top 3 ${pct(fit.crowded)}`;
}

// Pure: what a customer's turn is asking, when it says more than one thing. People settle or wave off one
// matter and then ask another ("the SIM's sorted, what I actually need is…", "快递的事已经解决了，我想问…"),
// correct the agent ("不是退货，是退款还没到账"), or answer "and how long does that take?" about the turn
// before. The query builder counts older turns less (queryBuilder.ts); these helpers say which words are
// the older matter, so the question itself counts fully.
import { toSimplified } from './spoken';
import { englishWords, hasChinese } from './text';

/** Where the customer is done with one matter (it is settled or waved off): the question follows. */
const SETTLED_EN =
  /\b(?:forget (?:that|it|about (?:that|it))|never ?mind(?: that)?|(?:that|this|it|that bit|that part|that one)(?:'s| is| was| has been)? (?:fine|sorted(?: out)?|ok(?:ay)?|done|all good|fixed|worked)|i(?:'ll| will) (?:sort|deal with|do) (?:that|it)(?: myself| later)?|(?:that|it)(?:'s| is) back on)\b[^.?!,;]*[.?!,;]?/gi;
/** Where the question starts: what precedes is background. */
const ASKS_EN =
  /\b(?:what i (?:actually |really |do )?(?:need|want)(?: to (?:know|ask))?|the (?:thing|problem|question) is|my (?:real |actual |main )?question is|what i'm (?:actually |really )?(?:calling|ringing|phoning) about|i'm (?:actually |really )?(?:calling|ringing|phoning) (?:about|because))\b/gi;
/** The same in Chinese (matched on Simplified text; Cantonese as written in Hong Kong). */
const SETTLED_ZH = /(?:已经(?:解决|搞定|处理|好)了?|没事了|不用管了?|唔使理住?|唔使理|冇事喇|之后再(?:处理|说|搞)|迟啲再(?:搞|处理)|先不说|算了)[^，,。！？!?；;]*[，,。！？!?；;]?/gu;
const ASKS_ZH = /(?:我(?:现在|其实|主要|真正)?(?:想|要)(?:问|知道)(?:一下|下)?|我(?:现在)?要问的是|问题是|我打来是)/gu;
/** A correction: "not X, (it's) Y" — what follows is the matter. */
const CORRECTION_ZH = /(?:不是|唔系|唔係)[^，,。！？!?]{1,24}[，,]\s*(?:而)?(?:是|系|係)/gu;

/** The end of the last match of `pattern` in `text` (or its start, for a question that begins there). */
function lastSplit(text: string, pattern: RegExp, at: 'start' | 'end'): number {
  let split = -1;
  for (const match of text.matchAll(pattern)) split = at === 'start' ? match.index : match.index + match[0].length;
  return split;
}

/**
 * A turn as parts, oldest first: the matter the customer was done with or set aside, then the question.
 * One part when nothing marks a change; a part with no words of its own is dropped.
 */
export function turnParts(text: string): string[] {
  // Positions in the Simplified form stand for the text as said only when OpenCC kept every character in place.
  const simplified = hasChinese(text) ? toSimplified(text) : text;
  const probe = simplified.length === text.length ? simplified : text;
  const split = Math.max(
    lastSplit(probe, SETTLED_EN, 'end'),
    lastSplit(probe, ASKS_EN, 'start'),
    lastSplit(probe, SETTLED_ZH, 'end'),
    lastSplit(probe, ASKS_ZH, 'start'),
    lastSplit(probe, CORRECTION_ZH, 'end'),
  );
  if (split <= 0 || split >= text.length) return [text];
  const parts = [text.slice(0, split), text.slice(split)].map((part) => part.trim());
  return parts.every(hasWords) ? parts : [text];
}

function hasWords(text: string): boolean {
  return hasChinese(text) || englishWords(text).length > 0;
}

/** Words that point back at what was said before ("that", "it", 佢, 这个) in a turn too short to carry a topic. */
const POINTS_BACK_EN = /\b(?:that|it|this|them|those|these)\b/i;
const POINTS_BACK_ZH = /[它佢]|这个|那个|这样|呢个|嗰个|咁样|这件|那件/u;

/**
 * Whether a turn only makes sense with the one before ("and how long does that take?", "咁你哋可唔可以
 * 即刻停咗佢？"): short, and pointing back.
 */
export function pointsBack(text: string): boolean {
  if (hasChinese(text)) return POINTS_BACK_ZH.test(toSimplified(text)) && text.replace(/[\s\p{P}]/gu, '').length <= 16;
  return POINTS_BACK_EN.test(text) && englishWords(text).length <= 10;
}

/** What the customer set aside in a turn counts as this many turns older than the question after it. */
export const SET_ASIDE_AGE = 2;

/**
 * The customer's recent turns (oldest first) as the query builder should weigh them, each with how many
 * turns old it counts as: a turn that says two things becomes two, the matter set aside counting as
 * SET_ASIDE_AGE turns older; a turn that points back is read together with the one before (both count fully).
 */
export function focusTurns(texts: readonly string[]): { texts: string[]; ages: number[] } {
  const merged: string[] = [];
  for (const text of texts) {
    const last = merged.length - 1;
    // "Forget that, …" points back only to leave it.
    if (last >= 0 && pointsBack(text) && turnParts(text).length === 1) merged[last] = `${merged[last]} ${text}`;
    else merged.push(text);
  }
  const out: string[] = [];
  const ages: number[] = [];
  merged.forEach((text, i) => {
    const age = merged.length - 1 - i;
    const parts = turnParts(text);
    if (parts.length === 2) {
      out.push(parts[0]!, parts[1]!);
      ages.push(age + SET_ASIDE_AGE, age);
    } else {
      out.push(text);
      ages.push(age);
    }
  });
  return { texts: out, ages };
}

// Pure: what a recogniser writes around a value that typed text does not have — no digits and no
// punctuation, homophones at the edges of a number ("ate too niner"), spelled letters in lower case,
// e-mail addresses said as words ("john dot harper at gmail dot com"). redactor.ts uses these once it
// knows a value is sensitive; they never decide that on their own.
import { digitOf, HOMOPHONES, ZH_SOUND_ALIKE_CHAR, ZH_SOUND_ALIKE_CHARS, ZH_SOUND_ALIKE_DIGITS, type NumberSpan } from '../spokenNumbers';

const HOMOPHONE_WORDS = Object.keys(HOMOPHONES).join('|');
const LEADING_HOMOPHONES = new RegExp(`(?<![A-Za-z'])(?:(?:${HOMOPHONE_WORDS})[\\s,]+)+$`, 'i');
const TRAILING_HOMOPHONES = new RegExp(`^(?:[\\s,]+(?:${HOMOPHONE_WORDS}))+(?![A-Za-z'])`, 'i');

const digitsOfHomophones = (words: string) =>
  (words.match(/[a-z]+/gi) ?? []).map((word) => HOMOPHONES[word.toLowerCase()] ?? (/^oh?$/i.test(word) ? '0' : '')).join('');

/**
 * The number with the homophones right before and after it ("ate too | niner", "nine nine | won"):
 * findNumbers lets them count only between digits, since "for"/"to" are mostly words; once the value
 * is known to be sensitive, those at its edges are its digits too.
 */
export function withHomophones(text: string, span: NumberSpan): NumberSpan {
  const from = Math.max(0, span.start - 60);
  const before = LEADING_HOMOPHONES.exec(text.slice(from, span.start));
  const after = TRAILING_HOMOPHONES.exec(text.slice(span.end, span.end + 60));
  if (!before && !after) return span;
  return {
    ...span,
    start: before ? from + before.index : span.start,
    end: after ? span.end + after[0].length : span.end,
    digits: (before ? digitsOfHomophones(before[0]) : '') + span.digits + (after ? digitsOfHomophones(after[0]) : ''),
  };
}

// Two or more words, homophones with "oh"/"double" among them ("won won", "too oh too oh"), at least one a homophone.
const RUN_WORD = `(?:${HOMOPHONE_WORDS}|oh|o|double|triple)`;
const HOMOPHONE_RUN = new RegExp(`(?<![A-Za-z'])(?=(?:${RUN_WORD}[\\s,]+)*(?:${HOMOPHONE_WORDS})(?![A-Za-z']))${RUN_WORD}(?:[\\s,]+${RUN_WORD})+(?![A-Za-z'])`, 'gi');

/** Runs of two or more homophones ("won won won won", "for too"): digits only where a number value is due. */
export function homophoneRuns(text: string): Array<{ start: number; end: number; digits: string }> {
  return [...text.matchAll(HOMOPHONE_RUN)].map((match) => ({ start: match.index, end: match.index + match[0].length, digits: digitsOfHomophones(match[0]) }));
}

// Chinese: misheard-digit characters (spokenNumbers.ts) with digits, across pauses and fillers.
const ZH_RUN_CHAR = `[${ZH_SOUND_ALIKE_CHARS}零〇洞一幺二两兩三四五六七八九]`;
const ZH_SOUND_ALIKE_RUN = new RegExp(`${ZH_RUN_CHAR}(?:(?:[\\s,，、呃嗯]|那个|那個)*${ZH_RUN_CHAR})+`, 'g');

/**
 * Runs of misheard digits ("酒要伞", "酒傘是要凌七", "凌九 幺傘"): digits only where a number value is
 * due, like homophoneRuns. 是 and 要 at the edges are the verbs around the value ("码是…", "…是吧"),
 * except at the very end of the text.
 */
export function zhSoundAlikeRuns(text: string): Array<{ start: number; end: number; digits: string }> {
  const runs: Array<{ start: number; end: number; digits: string }> = [];
  if (!ZH_SOUND_ALIKE_CHAR.test(text)) return runs;
  for (const match of text.matchAll(ZH_SOUND_ALIKE_RUN)) {
    const lead = /^[是要][\s,，、呃嗯]*/.exec(match[0])?.[0].length ?? 0;
    // At the end of what was said (a turn, or a partial stopping inside the value: "酒要…") 要/是 are no verb.
    // So are they before a read-back's question ("伞酒要 对吗"); "八二是吧" is the verb's own tag.
    const openEnd = /^[\s,，。.？?！!]*(?:(?:对|對)(?:吗|嗎|不对|不對|吧)|没错|沒錯|啱唔啱|係咪)?[\s,，。.？?！!]*$/.test(text.slice(match.index + match[0].length));
    let body = match[0].slice(lead);
    while (!openEnd && /[是要]$/.test(body)) body = body.slice(0, -1).replace(/[\s,，、呃嗯]+$/, '');
    const digits = [...body].map((ch) => ZH_SOUND_ALIKE_DIGITS[ch] ?? digitOf(ch) ?? '').join('');
    if (digits.length >= 2 && ZH_SOUND_ALIKE_CHAR.test(body)) runs.push({ start: match.index + lead, end: match.index + lead + body.length, digits });
  }
  return runs;
}

const NATO = 'alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x-ray|xray|x ray|yankee|zulu';
const SPELLING_WORD = `[a-z]|capital|capitals|upper|lower|case|small|big|then|and|the|a|an|number|numbers|digit|digits|letter|as|in|for|like|dash|hyphen|underscore|dot|at|symbol|hash|star|exclamation|mark|zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|double|triple|um|uh|er|erm|${NATO}`;
/** A whole turn of spelling ("w e r t y", "then one nine", "capital q as in quebec"): the rest of a password said in the last turn. */
export const SPELLING_TURN = new RegExp(`^[\\s,.]*(?:(?:${SPELLING_WORD})(?![A-Za-z'])[\\s,.]*)+$`, 'i');

/** A turn that goes on with an e-mail address said in the last one ("jane underscore doe" | "at yahoo dot com"). */
export const ADDRESS_CONTINUED = /^(?:[\s,.]*(?:um|uh|er|erm|and|then)\b)*[\s,.]*(?:at|dot|underscore|dash|@)(?![A-Za-z])[^.?!]*/i;

// A spelled letter: capitals always; in lower case (recognisers write no capitals) not "a" or "i",
// which are mostly words, unless another spelled letter is beside them.
const LETTER = '(?:[A-Z]|[b-hj-z])';
/** A letter said the radio way ("alpha bravo seven two"), in either case. */
const NATO_LETTER = `(?:${NATO.split('|')
  .map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`)
  .join('|')})`;
// A letter written straight before the digits (护照号是E一二三…) goes with them too.
// "letter P letter A five five …": a passport or licence read with the word "letter" before each letter.
const LETTER_WORD = '(?:(?<![A-Za-z\'])letter[\\s,]+)?';
const LETTERS_BEFORE = new RegExp(`(?:${LETTER_WORD}(?<![A-Za-z'])(?:${LETTER}|${NATO_LETTER}|[ai](?=[\\s,]+${LETTER}(?![A-Za-z'])))(?![A-Za-z'-])(?:[\\s,]+|$)){1,2}$`);
// A Chinese ID's check digit X is said 叉 or 艾克斯 (a partial may stop at 艾 or 艾克).
const LETTER_AFTER = new RegExp(`^[\\s,]*(?:[(（]\\s*(?:[\\dA-Z]|[零一二三四五六七八九])\\s*[)）]|(?:括號|括号)(?:入面|裡面|里面|內|内)?(?:係|是|系)?\\s*\\S|叉|[艾爱愛埃](?:克斯?)?|(?:${NATO_LETTER}|${LETTER})(?![A-Za-z']))`);
/** One part of a code: a letter (plain or radio), digits, or a digit word. */
const CODE_PART = `(?:${LETTER_WORD}(?:${NATO_LETTER}|${LETTER})|\\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|niner)`;
const CODE_BEFORE = new RegExp(`(?<![A-Za-z'])${CODE_PART}[\\s,]+$`);
/** More of a code after its letters ("bravo one two x ray seven"): letters, radio letters, digits. */
const CODE_GOES_ON = new RegExp(`^[\\s,]*${CODE_PART}(?![A-Za-z'])`);

/** An ID said with letters ("A B one two three … C", "j k one two … c", "Z 683365 (5)"): the letters go with the digits. */
export function withLetters(text: string, span: { start: number; end: number }): { start: number; end: number } {
  // Only the words just before matter; a short window keeps these end-anchored patterns cheap.
  const before = LETTERS_BEFORE.exec(text.slice(Math.max(0, span.start - 40), span.start));
  let start = before ? span.start - before[0].length : span.start;
  // "x ray four alpha | nine two": walk back over letters and digits taking turns, to the first letter.
  for (let back = before ? CODE_BEFORE.exec(text.slice(Math.max(0, start - 24), start)) : null, steps = 0, at = start; back && steps < 40; back = CODE_BEFORE.exec(text.slice(Math.max(0, at - 24), at)), steps += 1) {
    at -= back[0].length;
    if (/^(?!(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner)\b)[A-Za-z]/.test(back[0])) start = at;
  }
  const after = LETTER_AFTER.exec(text.slice(span.end));
  let end = after ? span.end + after[0].length : span.end;
  // Letters and digits taking turns are one code: after a letter, go on while letters or digits follow.
  for (let more = after && /[A-Za-z]$/.test(after[0]) ? CODE_GOES_ON.exec(text.slice(end)) : null, steps = 0; more && steps < 40; more = CODE_GOES_ON.exec(text.slice(end)), steps += 1) end += more[0].length;
  return { start, end };
}

/** Spelled letters at the end of a partial ("IBAN is G B", "national insurance number j k"). */
export const PENDING_LETTERS = new RegExp(`(?:${LETTER_WORD}(?<![A-Za-z'])(?:[A-Za-z]|${NATO_LETTER})(?![A-Za-z'])[\\s,]*){1,4}(?:letter)?$`);

// --- E-mail addresses said as words ---

const DOMAIN = /^\s+[a-z0-9]+(?:\s+dot\s+[a-z0-9]+)+(?![A-Za-z0-9])/i;
const JOINER = /^(?:dot|underscore|dash|hyphen|point)$/i;
/** Words that end the local part when walking back from "at": they belong to the sentence. */
const NOT_LOCAL = new Set(['me', 'us', 'him', 'her', 'them', 'it', 'is', 'its', "it's", 'was', 'be', 'my', 'the', 'email', 'e-mail', 'mail', 'address', 'at', 'to', 'on', 'an', 'and', 'or', 'send', 'sent', 'use', 'try', 'yes', 'yeah', 'ok', 'okay', 'so', 'um', 'uh', 'er', 'erm', 'that', "that's", 'thats', 'this', 'look', 'looked', 'go', 'went', 'check', 'checked', 'online', 'website', 'site', 'page']);
const SPELLED = /^(?:[a-z0-9]|zero|oh|one|two|three|four|five|six|seven|eight|nine)$/i;
const NUMBER_WORD = /^(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|double|triple)$/i;
const TOP_LEVEL = /\bdot (?:com|net|org|edu|gov|co|uk|cn|hk|tw|io|de|fr|ie|au|ca|info|me)$/i;
/** Chinese recognisers write "@" as 艾特 and "." as 点. */
const ZH_SPOKEN_EMAIL = /[A-Za-z0-9._-]+(?:\s*(?:下划线|下劃線|底线|底線|[点點]|杠|槓)\s*[A-Za-z0-9._-]+)*\s*艾特\s*[A-Za-z0-9]+(?:\s*[点點]\s*[A-Za-z]+)+/g;

/**
 * "john dot harper at gmail dot com", "s m i t h underscore k at outlook dot com": from " at " with a
 * dotted domain after it, walk back over the local part — the word before "at", words joined to it by
 * "dot"/"underscore"/"dash", and a run of spelled letters or digits — and stop at the sentence's words.
 */
export function spokenEmailSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  // Most texts have no "at" at all (this runs on every partial).
  if (!/\bat\b|艾特/i.test(text)) return spans;
  for (const match of text.matchAll(ZH_SPOKEN_EMAIL)) spans.push({ start: match.index, end: match.index + match[0].length });
  const words = [...text.matchAll(/[A-Za-z0-9'_-]+/g)].map((m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  words.forEach((at, k) => {
    if (at.word !== 'at') return;
    const domain = DOMAIN.exec(text.slice(at.end));
    // "have a look at www dot argos dot co dot uk" is a website, not an address.
    if (!domain || /^\s+www\b/i.test(domain[0])) return;
    let first = -1;
    for (let j = k - 1; j >= 0; j -= 1) {
      const word = words[j]!.word;
      if (first < 0) {
        if (NOT_LOCAL.has(word) || JOINER.test(word)) break;
        first = j;
      } else if (JOINER.test(word) && j > 0 && !NOT_LOCAL.has(words[j - 1]!.word) && !JOINER.test(words[j - 1]!.word)) {
        // "john dot | harper": the joiner and the word before it.
        first = j - 1;
        j -= 1;
      } else if (NOT_LOCAL.has(word) || JOINER.test(word) || k - j > 12) {
        break;
      } else if ((SPELLED.test(word) || NUMBER_WORD.test(word)) && (SPELLED.test(words[first]!.word) || NUMBER_WORD.test(words[first]!.word))) {
        // "s m i t h", "eighty two": a run of spelled letters, digits or number words.
        first = j;
      } else if (NUMBER_WORD.test(words[first]!.word) || (/^[a-z]$/.test(word) && !SPELLED.test(words[first]!.word))) {
        // "smith | eighty two", "j | smith": a name before its digits, an initial before a name.
        first = j;
      } else break;
    }
    // No local part ("at yahoo dot com" after a pause): the domain alone, when it ends like one.
    if (first >= 0) spans.push({ start: words[first]!.start, end: at.end + domain[0].length });
    else if (TOP_LEVEL.test(domain[0])) spans.push({ start: at.start, end: at.end + domain[0].length });
  });
  return spans;
}

/** The words after an e-mail cue are an address (or its start) rather than talk about one. */
export const LOOKS_LIKE_ADDRESS = /@|(?<![A-Za-z])(?:at|dot|underscore)(?![A-Za-z])|艾特|点|點|下划线|下劃線|底线|底線/i;
/** An address said straight after its cue, with no "is" ("邮箱 li 点 ming", "email tom underscore b"): a joiner shows it. */
export const ADDRESS_JOINED = /@|(?<![A-Za-z])(?:dot|underscore)(?![A-Za-z])|艾特|点|點|下[划劃](?:线|線)?|底[线線]/i;
/**
 * The end of a partial inside an address said with no cue ("its tom underscore", "anna dot k dot price
 * at outlook dot"): words joined by "underscore"/"dot", perhaps "at" and a domain begun. Hidden until
 * the final shows whether it is one.
 */
export const PENDING_ADDRESS = /(?<![A-Za-z0-9'\]])[a-z0-9]+(?:\s+(?:underscore|dot)(?:\s+[a-z0-9]+)?)+(?:\s+at(?:\s+[a-z0-9]+(?:\s+dot(?:\s+[a-z0-9]+)?)*)?)?\s*$/i;

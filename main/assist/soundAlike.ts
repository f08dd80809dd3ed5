// Pure: Chinese words a recogniser wrote with the right sound but the wrong characters (款待 for 宽带,
// 发飘 for 发票, 扣宽 for 扣款 — the usual Chinese recognition error) found again among the words the
// knowledge index has, by their toneless pinyin (npm pinyin-pro). Only words the index does not know,
// and single characters side by side that may be one misheard word, are looked up; the query keeps
// what was said and gains the indexed word that sounds the same.
import type { pinyin as Pinyin } from 'pinyin-pro';

const CJK_WORD = /^[\u3400-\u9fff]{2,4}$/;
const CJK_CHAR = /^[\u3400-\u9fff]$/;

let pinyin: typeof Pinyin | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the pinyin reader on first need, never while the app starts (its dictionary costs about 40 ms
 * of CPU to load). Until it is loaded there are no sound-alikes; the next partial has them.
 */
export function loadSounds(): Promise<void> {
  loading ??= import('pinyin-pro').then((module) => {
    pinyin = module.pinyin;
  });
  return loading;
}

export function soundsLoaded(): boolean {
  return pinyin !== undefined;
}

/** Toneless pinyin, syllables joined ("宽带" → "kuandai"); loadSounds() first. */
export function soundOf(word: string): string {
  if (!pinyin) throw new Error('loadSounds() has not finished');
  return pinyin(word, { toneType: 'none', type: 'array', v: true }).join('');
}

/** The index's Chinese words by sound; where two sound alike, the one in more articles. */
export class SoundIndex {
  private readonly bySound = new Map<string, { word: string; df: number }>();

  constructor(words: Iterable<{ word: string; df: number }>) {
    for (const { word, df } of words) {
      if (!CJK_WORD.test(word)) continue;
      const sound = soundOf(word);
      const seen = this.bySound.get(sound);
      if (!seen || df > seen.df) this.bySound.set(sound, { word, df });
    }
  }

  /** What was said and what it sounds like: partials repeat the same words many times a second. */
  private readonly heard = new Map<string, string>();

  /** The indexed word that sounds like `said`, if it is another word. */
  lookup(said: string): string | undefined {
    let sound = this.heard.get(said);
    if (sound === undefined) {
      sound = soundOf(said);
      if (this.heard.size > 10_000) this.heard.clear();
      this.heard.set(said, sound);
    }
    const found = this.bySound.get(sound);
    return found && found.word !== said ? found.word : undefined;
  }
}

/**
 * Indexed words that sound like what was said: a word of two or more characters the index does not
 * know ("款待"), or two single characters in a row that jieba could not make a word of ("扣" "宽").
 */
export function soundAlikeTerms(terms: readonly string[], known: (term: string) => boolean, sounds: SoundIndex): string[] {
  const out = new Set<string>();
  terms.forEach((term, i) => {
    if (CJK_WORD.test(term) && !known(term)) {
      const word = sounds.lookup(term);
      if (word) out.add(word);
    }
    const next = terms[i + 1];
    if (next !== undefined && CJK_CHAR.test(term) && CJK_CHAR.test(next) && !known(term + next)) {
      const word = sounds.lookup(term + next);
      if (word) out.add(word);
    }
  });
  return [...out];
}

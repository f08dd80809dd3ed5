// Pure: masks what must never be stored, shown, logged or sent, on the device, in English, Simplified
// and Traditional Chinese and Cantonese. spokenNumbers.ts (shared with the wrap-up draft) reads numbers
// however they are said; in redaction/, cues.ts knows the words around them, redactor.ts decides and
// masks (and keeps a call's state: what the agent asked for, a card number read in pieces).
import { redactText, type MaskKind, type Redaction } from './redaction/redactor';

export { ConversationRedactor, luhnValid, MASK_PATTERN, MASKS, redactText, type MaskKind, type Redaction, type Speaker } from './redaction/redactor';

export type RedactionKind = MaskKind;

export interface RedactOptions {
  /** The conversation is about a card right now: every number continues the card number. */
  paymentContext?: boolean;
}

/** Masks everything sensitive in one text on its own. Idempotent: masking masked text changes nothing. */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  return redactText(text, { expect: options.paymentContext ? 'card' : undefined });
}

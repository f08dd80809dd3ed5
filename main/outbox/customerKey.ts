// The outbox delivers one customer's records in order (a new contact before the note that refers to
// it). Every feature that queues records about a customer must therefore name the customer the same
// way: by the normalised number the customer context uses (contextNumber: E.164, or a short internal
// number as it is). A caller with no number is their own queue.
export function customerKeyFor(normalisedNumber: string, callId?: string): string {
  const number = normalisedNumber.replace(/[\s().-]/g, '');
  if (number) return `tel:${number}`;
  return `call:${callId ?? 'unknown'}`;
}

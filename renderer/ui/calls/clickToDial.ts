// Click-to-dial for any part of the UI (customer record, callback reminders, history): one function,
// same rules as the dial pad. Main normalises the number (E.164, extensions kept) and refuses what
// cannot be dialled with a message fit to show.
import { api } from '../useHearthline';

/** Places a call to `number`; resolves with the new call's id. */
export async function clickToDial(number: string): Promise<string> {
  const { callId } = await api().invoke('call.dial', { target: number });
  return callId;
}

// Pure: the follow-up to offer at wrap-up, from the customer's stated preference and the disposition.
import type { Customer, FollowUpChannel, FollowUpSuggestion, FollowUpTemplate } from '../../common/contract/context';

const TEMPLATE_BY_DISPOSITION: Record<string, FollowUpTemplate> = {
  resolved: 'confirmation',
  refund_issued: 'confirmation',
  replacement_sent: 'confirmation',
  cancelled: 'confirmation',
  escalated: 'confirmation',
  information_given: 'article',
  callback_scheduled: 'callbackReminder',
  complaint_logged: 'apology',
};

/** An SMS needs a real phone number (E.164), not an internal extension. */
export function smsNumber(customer: Customer): string | undefined {
  const mobiles = customer.phones.filter((phone) => phone.number.startsWith('+'));
  return (mobiles.find((phone) => phone.verified) ?? mobiles[0])?.number;
}

export function emailAddress(customer: Customer): string | undefined {
  return (customer.emails.find((email) => email.verified) ?? customer.emails[0])?.address;
}

export function followUpAddress(customer: Customer, channel: FollowUpChannel): string | undefined {
  return channel === 'sms' ? smsNumber(customer) : emailAddress(customer);
}

/**
 * null when there is nothing to follow up (no or unknown disposition, wrong number) or no way to reach
 * the customer in writing. An article goes by email when the customer has no stated written preference,
 * since a link in an SMS is a poor way to read one.
 */
export function suggestFollowUp(customer: Customer, disposition: string): FollowUpSuggestion | null {
  const template = TEMPLATE_BY_DISPOSITION[disposition];
  if (!template) return null;
  const preferred: FollowUpChannel | undefined =
    customer.preferredChannel === 'voice' ? (template === 'article' ? 'email' : 'sms') : customer.preferredChannel;
  const order: FollowUpChannel[] = preferred === 'email' ? ['email', 'sms'] : ['sms', 'email'];
  for (const channel of order) {
    const to = followUpAddress(customer, channel);
    if (to) return { channel, template, to, because: channel === preferred ? 'preference' : 'onlyOption' };
  }
  return null;
}

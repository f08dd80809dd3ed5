// Pure: which follow-up channel to suggest at wrap-up, from the customer's stated preference and the
// issue. The issue speaks first only where it matters: a self-serviceable intent (or an article meant
// for chat) gets a chat/self-service link; otherwise the customer's written preference (SMS or e-mail)
// wins; with no written preference, the article's own channel, then a link-heavy answer by e-mail.
import type { Customer } from '../../common/contract/context';
import type { ChannelOption, ChannelReason, MessageChannel } from '../../common/contract/messages';
import { emailAddress, smsNumber } from '../context/followUp';

export interface ChannelIssue {
  /** The channel the article used on the call says suits its answer. */
  articleChannel?: MessageChannel;
  /** The answer is mostly a link or long: better read by e-mail than in an SMS. */
  linkHeavy: boolean;
  /** The call's intent could have been done in the app: there is a self-service link to give. */
  selfServiceable: boolean;
}

export interface ChannelChoice {
  suggested: (ChannelOption & { because: ChannelReason[] }) | null;
  /** Every reachable channel, the suggested one first. */
  options: ChannelOption[];
}

/** Where each channel can reach this customer: SMS and chat links need a mobile (E.164), e-mail an address. */
export function reachableChannels(customer: Customer | undefined, chatAvailable: boolean): ChannelOption[] {
  if (!customer) return [];
  const phone = smsNumber(customer);
  const email = emailAddress(customer);
  const options: ChannelOption[] = [];
  if (phone) options.push({ channel: 'sms', to: phone });
  if (email) options.push({ channel: 'email', to: email });
  if (phone && chatAvailable) options.push({ channel: 'chat', to: phone });
  return options;
}

export function chooseChannel(customer: Customer | undefined, issue: ChannelIssue): ChannelChoice {
  const chatFits = issue.selfServiceable || issue.articleChannel === 'chat';
  const options = reachableChannels(customer, chatFits);
  if (!customer || options.length === 0) return { suggested: null, options };
  const reach = (channel: MessageChannel) => options.find((option) => option.channel === channel);
  const preferred: MessageChannel | undefined = customer.preferredChannel === 'voice' ? undefined : customer.preferredChannel;
  const issueChannel: MessageChannel | undefined = issue.articleChannel && issue.articleChannel !== 'chat' ? issue.articleChannel : issue.linkHeavy ? 'email' : undefined;
  const issueReason: ChannelReason | undefined = issue.articleChannel && issue.articleChannel !== 'chat' ? 'article' : issue.linkHeavy ? 'linkHeavy' : undefined;

  const pick = (channel: MessageChannel, because: ChannelReason[]): ChannelChoice => {
    const chosen = reach(channel)!;
    return { suggested: { ...chosen, because }, options: [chosen, ...options.filter((option) => option !== chosen)] };
  };
  if (chatFits && reach('chat')) {
    const because: ChannelReason[] = [issue.selfServiceable ? 'selfService' : 'article'];
    // A chat link goes to the phone: it also suits a customer who prefers SMS.
    if (preferred === 'sms') because.push('preference');
    return pick('chat', because);
  }
  if (preferred && reach(preferred)) {
    const because: ChannelReason[] = ['preference'];
    if (issueChannel === preferred && issueReason) because.push(issueReason);
    return pick(preferred, because);
  }
  if (issueChannel && reach(issueChannel) && issueReason) return pick(issueChannel, [issueReason]);
  if (options.length === 1) return pick(options[0]!.channel, ['onlyOption']);
  // No preference and nothing about the issue: a short text is the least intrusive.
  return pick(reach('sms') ? 'sms' : options[0]!.channel, []);
}

/** More than one link, or a long answer carrying one: e-mail reads better than SMS. */
export function isLinkHeavy(summary: string | undefined, link: string | undefined): boolean {
  const links = (summary?.match(/https?:\/\//g) ?? []).length + (link ? 1 : 0);
  return links > 1 || (links === 1 && (summary?.length ?? 0) > 160);
}

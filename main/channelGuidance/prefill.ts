// Pure: the follow-up message pre-filled for the agent to edit — the customer-facing summary and link of
// the knowledge article used on the call, and what the agent promised (the callback time from the
// wrap-up, the promises agent assist heard). Written in the customer's language (English, Simplified or
// Traditional Chinese). An article without a customer-facing summary falls back to its title and link;
// a call without an article to the promise alone. The caller redacts the result before anyone sees it.
import type { ArticleForCustomer } from '../assist/knowledgeIndex';
import type { MessageChannel } from '../../common/contract/messages';

export type MessageLanguage = 'en' | 'zh-Hans' | 'zh-Hant';

export interface PrefillInput {
  channel: MessageChannel;
  language: MessageLanguage;
  article?: ArticleForCustomer;
  /** The self-service page for the call's intent, when it was self-serviceable. */
  selfServiceUrl?: string;
  /** Epoch ms of the callback the agent promised in the wrap-up, if any. */
  callbackAt?: number;
  /** The agent's own promises ("I'll send you a returns label"), as heard on the call. */
  promises: readonly string[];
  /** For the callback time: the agent's zone (the customer is told the agent's local time). */
  timeZone?: string;
}

export interface Prefilled {
  subject: string;
  body: string;
  link?: string;
}

const TEXT: Record<MessageLanguage, { subject: string; subjectAbout: (title: string) => string; about: (title: string) => string; callback: (when: string) => string; promise: (what: string) => string; selfService: string; thanks: string; locale: string }> = {
  en: {
    subject: 'Following up on your call',
    subjectAbout: (title) => `Following up on your call: ${title}`,
    about: (title) => `Here is the information about "${title}" we talked about.`,
    callback: (when) => `We will call you back on ${when}.`,
    promise: (what) => `As promised: ${what}`,
    selfService: 'Next time you can also do this yourself in our app or on our website:',
    thanks: 'Thank you for calling us.',
    locale: 'en-GB',
  },
  'zh-Hans': {
    subject: '关于您的来电',
    subjectAbout: (title) => `关于您的来电：${title}`,
    about: (title) => `这是我们通话中提到的“${title}”的相关信息。`,
    callback: (when) => `我们将于${when}给您回电。`,
    promise: (what) => `如约：${what}`,
    selfService: '下次您也可以在我们的应用或网站上自行办理：',
    thanks: '感谢您的来电。',
    locale: 'zh-CN',
  },
  'zh-Hant': {
    subject: '關於您的來電',
    subjectAbout: (title) => `關於您的來電：${title}`,
    about: (title) => `這是我們通話中提到的「${title}」的相關資訊。`,
    callback: (when) => `我們將於${when}給您回電。`,
    promise: (what) => `如約：${what}`,
    selfService: '下次您也可以在我們的應用程式或網站上自行辦理：',
    thanks: '感謝您的來電。',
    locale: 'zh-TW',
  },
};

/** The customer's language tag (or the article's) as one of the languages messages are written in. */
export function messageLanguage(tag: string | undefined): MessageLanguage {
  const lower = (tag ?? '').toLowerCase();
  if (!lower.startsWith('zh')) return 'en';
  return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
}

export function prefillMessage(input: PrefillInput): Prefilled {
  const text = TEXT[input.language];
  const { article } = input;
  const articleLink = article ? (article.customerUrl ?? undefined) : undefined;
  // A chat link is the self-service page when there is one; otherwise the article's page.
  const link = input.channel === 'chat' ? (input.selfServiceUrl ?? articleLink) : (articleLink ?? input.selfServiceUrl);
  const lines: string[] = [];
  if (article) lines.push(article.customerSummary ?? text.about(article.title));
  if (input.callbackAt !== undefined) {
    const when = new Intl.DateTimeFormat(text.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: input.timeZone }).format(input.callbackAt);
    lines.push(text.callback(when));
  }
  for (const promise of input.promises.slice(0, 2)) lines.push(text.promise(promise.trim()));
  if (lines.length === 0) lines.push(text.thanks);
  if (link && input.selfServiceUrl && link === input.selfServiceUrl) lines.push(`${text.selfService} ${link}`);
  else if (link) lines.push(link);
  return { subject: article ? text.subjectAbout(article.title) : text.subject, body: lines.join('\n'), link };
}

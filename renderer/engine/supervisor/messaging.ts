// Supervisor messages over SIP MESSAGE (raise hand, chat, read receipts): JSON bodies with their own
// content type. The sender is taken only from the P-Asserted-Identity our SIP server sets after
// authenticating it (stack/kamailio/kamailio.cfg, route[ASSERT_IDENTITY]), never from From or a body
// field. Main checks what the body claims against that identity.
import JsSIP from 'jssip';
import type { IncomingMessageEvent, OutgoingMessageEvent } from 'jssip/lib/UA';
import { HAND_CONTENT_TYPE, type SupervisorSend } from '../../../common/contract/supervisor';

export interface SupervisorMessagingDeps {
  userAgent: () => JsSIP.UA | undefined;
  domain: () => string;
  received: (from: string, body: string) => void;
  sent: (sendId: string, results: { to: string; delivered: boolean; status?: number }[]) => void;
  log: (level: 'info' | 'warn', message: string) => void;
}

/** Pure: the user part of an asserted identity header, or undefined when there is none or it does not parse. */
export function assertedUser(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return JsSIP.NameAddrHeader.parse(header)?.uri.user ?? undefined;
  } catch {
    return undefined;
  }
}

export class SupervisorMessaging {
  constructor(private readonly deps: SupervisorMessagingDeps) {}

  /** JsSIP's newMessage: ours are accepted and handed to main; other MESSAGEs are refused. */
  onNewMessage(event: IncomingMessageEvent | OutgoingMessageEvent): void {
    if (event.originator !== 'remote') return;
    const { request, message } = event as IncomingMessageEvent;
    const contentType = (request.getHeader('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== HAND_CONTENT_TYPE) {
      message.reject({ status_code: 415, reason_phrase: 'Unsupported Media Type' });
      return;
    }
    const from = assertedUser(request.getHeader('P-Asserted-Identity'));
    if (!from) {
      this.deps.log('warn', 'a supervisor MESSAGE without an asserted identity was refused');
      message.reject({ status_code: 403, reason_phrase: 'Identity Not Asserted' });
      return;
    }
    message.accept({});
    this.deps.received(from, String(request.body ?? ''));
  }

  /** Sends one MESSAGE per user; reports, once all have answered, which ones reached a registered app. */
  send(command: SupervisorSend): void {
    const ua = this.deps.userAgent();
    const results: { to: string; delivered: boolean; status?: number }[] = [];
    const done = (result: { to: string; delivered: boolean; status?: number }) => {
      results.push(result);
      if (results.length === command.to.length) this.deps.sent(command.sendId, results);
    };
    for (const to of command.to) {
      if (!ua) {
        done({ to, delivered: false });
        continue;
      }
      try {
        ua.sendMessage(`sip:${to}@${this.deps.domain()}`, command.body, {
          contentType: HAND_CONTENT_TYPE,
          eventHandlers: {
            succeeded: (event) => done({ to, delivered: true, status: event.response?.status_code }),
            failed: (event) => done({ to, delivered: false, status: event.response?.status_code }),
          },
        });
      } catch (error) {
        this.deps.log('warn', `supervisor MESSAGE to ${to} failed: ${String(error)}`);
        done({ to, delivered: false });
      }
    }
  }
}

// The agent's SIP password: typed once in the UI (first run, or after it went missing), kept by main in
// the encrypted secret store (main/secrets), and handed to the call engine only in its engine.hello answer.
import { z } from 'zod';

const Empty = z.object({}).strict();

export const SipPasswordSchema = z.string().min(1, 'enter your phone password').max(256);

export const secretsUiRequests = {
  /** Keeps the phone password for the configured account and signs in with it. */
  'account.setPassword': { request: z.object({ password: SipPasswordSchema }).strict(), response: Empty },
} as const;

export const secretsEngineEvents = {
  /** The account changed (its password arrived): say engine.hello again to get it. */
  'engine.accountChanged': Empty,
} as const;

// Pure: a gateway answer is accepted only whole. Any field that breaks the contract is reported (path and
// problem, never the value: it may be personal data) and nothing from that answer is used or cached.
import type { z } from 'zod';

export type Validated<T> = { ok: true; data: T } | { ok: false; issues: string[] };

export function validateGatewayPayload<S extends z.ZodType>(schema: S, raw: unknown, where: string): Validated<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.slice(0, 20).map((issue) => `${where}: ${issue.path.join('.') || '(body)'}: ${issue.message}`.slice(0, 300)),
  };
}

// One GET of a gateway resource, for every feature that reads from the gateway (customer context,
// the knowledge base): bearer token, the answer accepted only whole (validateGatewayPayload), and the
// two ways it can fail told apart — the gateway is not there, or it answered something off-contract.
import type { z } from 'zod';
import type { FetchLike } from '../outbox/gatewayClient';
import { validateGatewayPayload } from './validate';

export type GatewayRead<T> = { kind: 'ok'; data: T } | { kind: 'unreachable'; message: string } | { kind: 'malformed'; issues: string[] };

export interface GatewayEndpoint {
  fetch: FetchLike;
  /** Base URL without a trailing slash. */
  baseUrl: string;
  token: string;
}

export async function readGatewayJson<S extends z.ZodType>(endpoint: GatewayEndpoint, path: string, schema: S, signal: AbortSignal): Promise<GatewayRead<z.output<S>>> {
  const where = path.split('?')[0]!;
  let response: Response;
  try {
    response = await endpoint.fetch(`${endpoint.baseUrl}${path}`, { headers: { authorization: `Bearer ${endpoint.token}` }, signal });
  } catch (error) {
    return { kind: 'unreachable', message: describe(error) };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { kind: 'unreachable', message: `HTTP ${response.status}` };
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    return { kind: 'malformed', issues: [`${where}: (body): not JSON`] };
  }
  const checked = validateGatewayPayload(schema, raw, where);
  return checked.ok ? { kind: 'ok', data: checked.data } : { kind: 'malformed', issues: checked.issues };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'The gateway did not answer in time';
  const cause = error.cause as { code?: string } | undefined;
  return cause?.code ?? error.message;
}

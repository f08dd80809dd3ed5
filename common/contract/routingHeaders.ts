// The routing headers of an inbound INVITE exactly as the call engine read them: raw, untrusted, and
// already clipped by the engine (common/routing/routingHeaders.ts), so a flood of junk can never make
// the call's own report fail validation. Main parses them; nothing here trusts them.
import { z } from 'zod';

/** The longest header value the engine passes on; anything longer is clipped here and marked. */
export const ROUTING_RAW_VALUE_MAX = 1024;
/** At most this many routing header lines per INVITE are passed on. */
export const ROUTING_RAW_HEADERS_MAX = 24;

export const RawRoutingHeaderSchema = z.object({
  name: z.string().min(1).max(64),
  value: z.string().max(ROUTING_RAW_VALUE_MAX),
  /** The value was longer than ROUTING_RAW_VALUE_MAX and was cut: main treats it as oversized. */
  clipped: z.boolean().optional(),
});
export type RawRoutingHeader = z.infer<typeof RawRoutingHeaderSchema>;

export const RawRoutingHeadersSchema = z.object({
  headers: z.array(RawRoutingHeaderSchema).max(ROUTING_RAW_HEADERS_MAX),
  /** More routing header lines arrived than were passed on. */
  truncated: z.boolean().optional(),
});
export type RawRoutingHeaders = z.infer<typeof RawRoutingHeadersSchema>;

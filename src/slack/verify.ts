/**
 * Slack request signature verification: `v0=` HMAC-SHA256 over `v0:{timestamp}:{raw body}`
 * with the signing secret. Stricter than Bolt: a timestamp more than 5 minutes in the future
 * is rejected too, so a leaked signed request cannot be kept for later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_CLOCK_SKEW_SECONDS = 300;

export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'missing headers' | 'bad timestamp' | 'stale' | 'future' | 'bad signature';
    };

/**
 * @param headers - request headers, any case
 * @param rawBody - the body bytes exactly as received
 * @example
 * ```ts
 * verifySlackSignature(event.headers, Buffer.from(event.body ?? ''), secret, Date.now() / 1000);
 * ```
 */
export function verifySlackSignature(
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  signingSecret: string,
  nowSeconds: number,
): Verdict {
  const header = (key: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === key)?.[1];
  const signature = header('x-slack-signature');
  const timestamp = header('x-slack-request-timestamp');
  if (!signature || !timestamp || !signingSecret) return { ok: false, reason: 'missing headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  const age = nowSeconds - Number(timestamp);
  if (age > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  if (age < -MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'future' };
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'bad signature' };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'bad signature' };
}

/**
 * A local Slack Web API stand-in: a real HTTP server on 127.0.0.1 implementing
 * chat.postMessage and chat.update the way Slack answers them, recording every call,
 * enforcing ~1 message/second/channel (a short burst allowed, then 429 with Retry-After),
 * and failing on request: HTTP 500s for N calls or for a span of time, Slack errors such as
 * `invalid_blocks` or `channel_not_found`, failed updates, hung requests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinClock {
  now(): number;
}

/** What a scripted failure answers. */
export type Failure = { status: number } | { error: string } | { hangMs: number };

export interface FailureRule {
  readonly method: 'chat.postMessage' | 'chat.update';
  readonly response: Failure;
  /** Fail this many matching calls (default: every matching call). */
  count?: number;
  /** Only within [from, to) on the stand-in's clock. */
  readonly from?: number;
  readonly to?: number;
  /** Only calls whose arguments satisfy this. */
  readonly when?: (args: Record<string, unknown>) => boolean;
}

export interface RecordedCall {
  readonly method: string;
  readonly at: number;
  readonly args: Record<string, unknown>;
  /** HTTP status answered, and Slack's error when `ok: false`. */
  readonly status: number;
  readonly error?: string;
  readonly ts?: string;
  readonly channel?: string;
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly at: number;
  text: string;
  blocks: unknown[];
  attachments?: unknown[];
  readonly thread_ts?: string;
  readonly reply_broadcast?: boolean;
  updates: number;
}

export interface StandinOptions {
  /** The stand-in's time (share a SimClock with the code under test). */
  readonly clock?: StandinClock;
  /** Messages one channel may take at once before the 1/s rate applies. */
  readonly burst?: number;
  readonly perSecond?: number;
  /** Channels (names or ids) that do not exist. */
  readonly missingChannels?: readonly string[];
  readonly token?: string;
}

const realClock: StandinClock = { now: () => Date.now() };

/** `#aws-alerts` → `CAWSALERTS`; ids pass through. */
export function channelId(channel: string): string {
  if (/^[CGD][A-Z0-9]+$/.test(channel)) return channel;
  return `C${channel.replace(/[^a-z0-9]/gi, '').toUpperCase()}`;
}

const JSON_ARGS = new Set(['blocks', 'attachments', 'metadata']);

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw || '{}');
  // web-api sends forms, with objects and arrays JSON-encoded.
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] = JSON_ARGS.has(k) ? JSON.parse(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return args;
}

export class SlackStandin {
  readonly calls: RecordedCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly rules: FailureRule[] = [];
  /** 429s answered. */
  rateLimited = 0;
  url = '';
  private readonly clock: StandinClock;
  private readonly burst: number;
  private readonly perSecond: number;
  private readonly missing: Set<string>;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private seq = 0;
  private readonly server: Server;

  constructor(private readonly options: StandinOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.burst = options.burst ?? 3;
    this.perSecond = options.perSecond ?? 1;
    this.missing = new Set((options.missingChannels ?? []).map(channelId));
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(({ status, body, headers }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        })
        .catch((error: Error) => {
          res.writeHead(500);
          res.end(error.message);
        });
    });
  }

  /** Starts listening; `url` is then the `slackApiUrl` to use (ends in `/api/`). */
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a scripted failure; the first matching rule answers. */
  fail(rule: FailureRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  /** Top-level messages (not thread replies), in order. */
  channelMessages(channel?: string): StoredMessage[] {
    return this.messages.filter((m) => !m.thread_ts && (!channel || m.channel === channelId(channel)));
  }

  /** Replies in the thread of `ts`. */
  replies(ts: string): StoredMessage[] {
    return this.messages.filter((m) => m.thread_ts === ts);
  }

  /** All text a reader could see: texts and every text object in blocks and attachments. */
  visibleText(): string {
    return this.messages.map((m) => JSON.stringify([m.text, m.blocks, m.attachments ?? []])).join('\n');
  }

  private matchFailure(method: string, args: Record<string, unknown>): Failure | undefined {
    const now = this.clock.now();
    for (const rule of this.rules) {
      if (rule.method !== method) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (rule.from !== undefined && now < rule.from) continue;
      if (rule.to !== undefined && now >= rule.to) continue;
      if (rule.when && !rule.when(args)) continue;
      if (rule.count !== undefined) rule.count -= 1;
      return rule.response;
    }
    return undefined;
  }

  /** Token bucket per channel: `burst` at once, then `perSecond`. */
  private retryAfter(channel: string): number | undefined {
    const now = this.clock.now();
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const method = (req.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
    const args = await readArgs(req);
    const at = this.clock.now();
    const record = (status: number, extra: Partial<RecordedCall> = {}) => {
      this.calls.push({ method, at, args, status, ...extra });
    };
    const expected = `Bearer ${this.options.token ?? 'xoxb-test'}`;
    if (req.headers.authorization !== expected) {
      record(200, { error: 'invalid_auth' });
      return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    }
    const failure = this.matchFailure(method, args);
    if (failure && 'hangMs' in failure) {
      await new Promise((resolve) => setTimeout(resolve, failure.hangMs));
    } else if (failure && 'status' in failure) {
      record(failure.status);
      return { status: failure.status, body: { ok: false, error: 'server_error' } };
    } else if (failure) {
      record(200, { error: failure.error });
      return { status: 200, body: { ok: false, error: failure.error } };
    }
    if (method === 'chat.postMessage') return this.post(args, at, record);
    if (method === 'chat.update') return this.update(args, record);
    record(200, { error: 'unknown_method' });
    return { status: 200, body: { ok: false, error: 'unknown_method' } };
  }

  private post(
    args: Record<string, unknown>,
    at: number,
    record: (status: number, extra?: Partial<RecordedCall>) => void,
  ) {
    const channel = channelId(String(args.channel ?? ''));
    if (!args.channel || this.missing.has(channel)) {
      record(200, { error: 'channel_not_found' });
      return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    }
    if (!args.text && !(Array.isArray(args.blocks) && args.blocks.length > 0)) {
      record(200, { error: 'no_text' });
      return { status: 200, body: { ok: false, error: 'no_text' } };
    }
    const wait = this.retryAfter(channel);
    if (wait !== undefined) {
      this.rateLimited += 1;
      record(429);
      return {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(wait) },
      };
    }
    this.seq += 1;
    const ts = `${Math.floor(at / 1000)}.${String(this.seq).padStart(6, '0')}`;
    const message: StoredMessage = {
      channel,
      ts,
      at,
      text: String(args.text ?? ''),
      blocks: Array.isArray(args.blocks) ? args.blocks : [],
      ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
      ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
      ...(args.reply_broadcast === true ? { reply_broadcast: true } : {}),
      updates: 0,
    };
    this.messages.push(message);
    record(200, { ts, channel });
    return { status: 200, body: { ok: true, channel, ts, message: { text: message.text, ts } } };
  }

  private update(
    args: Record<string, unknown>,
    record: (status: number, extra?: Partial<RecordedCall>) => void,
  ) {
    const channel = channelId(String(args.channel ?? ''));
    const message = this.messages.find((m) => m.ts === args.ts && m.channel === channel);
    if (!message) {
      record(200, { error: 'message_not_found' });
      return { status: 200, body: { ok: false, error: 'message_not_found' } };
    }
    message.text = String(args.text ?? '');
    message.blocks = Array.isArray(args.blocks) ? args.blocks : [];
    if (Array.isArray(args.attachments)) message.attachments = args.attachments;
    message.updates += 1;
    record(200, { ts: message.ts, channel });
    return { status: 200, body: { ok: true, channel, ts: message.ts, text: message.text } };
  }
}

/**
 * @example
 * ```ts
 * const slack = await startStandin({ clock });
 * slack.fail({ method: 'chat.postMessage', response: { status: 500 }, count: 2 });
 * ```
 */
export function startStandin(options: StandinOptions = {}): Promise<SlackStandin> {
  return new SlackStandin(options).start();
}

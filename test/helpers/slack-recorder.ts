/**
 * Records what the slack Lambda sends to Slack (Web API calls on slack.com and response_url
 * posts on hooks.slack.com) through nock, answering like Slack does. The network stays closed.
 */
import nock from 'nock';

export interface SlackCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
}

export class SlackRecorder {
  readonly calls: SlackCall[] = [];
  readonly responses: Array<Record<string, unknown>> = [];
  private counter = 0;
  /** The next this-many chat.postMessage calls get a 429 with Retry-After: 1, as Slack's rate limit does. */
  rateLimitPosts = 0;

  /** Installs the interceptors (call again after `nock.cleanAll()`). */
  install(): void {
    nock('https://slack.com')
      .persist()
      .post(/\/api\/.*/)
      .reply((uri, body) => {
        const method = uri.replace(/^\/api\//, '');
        const args = parseBody(body);
        if (method === 'chat.postMessage' && this.rateLimitPosts > 0) {
          this.rateLimitPosts -= 1;
          this.calls.push({ method: `${method}:429`, args });
          return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }];
        }
        this.calls.push({ method, args });
        this.counter += 1;
        const ts = `1764151500.${String(200000 + this.counter)}`;
        return [200, { ok: true, channel: args.channel, ts, message: { ts } }];
      });
    nock('https://hooks.slack.com')
      .persist()
      .post(/\/actions\/.*/)
      .reply((_uri, body) => {
        this.responses.push(typeof body === 'string' ? JSON.parse(body) : (body as Record<string, unknown>));
        return [200, 'ok'];
      });
  }

  reset(): void {
    this.rateLimitPosts = 0;
    this.calls.length = 0;
    this.responses.length = 0;
  }

  of(method: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** The texts of thread replies posted. */
  notes(): string[] {
    return this.of('chat.postMessage').map((a) => String(a.text));
  }

  /** The private answers' texts. */
  privateTexts(): string[] {
    return this.responses.map((r) => String(r.text));
  }
}

function parseBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'string') return (body ?? {}) as Record<string, unknown>;
  if (body.startsWith('{')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

/**
 * Headless Chromium (Debian's `chromium`) driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4), so no port, no WebSocket and
 * no extra package. Used by the preview test (script errors, rendered DOM) and by
 * `npm run screenshots` (the README's pictures).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Flags for a quiet, isolated headless run (no sync, updates or background traffic). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
];

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: Error): void;
}

// biome-ignore lint/suspicious/noExplicitAny: DevTools protocol messages are untyped JSON here.
type Json = any;

/** What the page reported as errors: uncaught exceptions, console.error, failed loads. */
export interface PageProblem {
  readonly kind: 'exception' | 'console' | 'log';
  readonly text: string;
}

export class ChromiumPage {
  readonly problems: PageProblem[] = [];
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: Array<{ method: string; resolve: () => void }> = [];
  private buffer = '';
  private sessionId = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 1);
        this.receive(JSON.parse(raw) as Record<string, unknown>);
      }
    });
  }

  /** Starts Chromium with a temporary profile and opens one blank page. */
  static async launch(options: { width?: number; height?: number } = {}): Promise<ChromiumPage> {
    const profile = mkdtempSync(join(tmpdir(), 'cloudbell-chromium-'));
    const child = spawn(
      CHROMIUM,
      [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        `--window-size=${options.width ?? 1000},${options.height ?? 800}`,
        '--remote-debugging-pipe',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new ChromiumPage(child, profile);
    const { targetId } = await page.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await page.send('Target.attachToTarget', { targetId, flatten: true });
    page.sessionId = String(sessionId);
    await page.send('Page.enable', {}, true);
    await page.send('Runtime.enable', {}, true);
    await page.send('Log.enable', {}, true);
    return page;
  }

  private receive(message: Record<string, unknown>): void {
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      const error = message.error as { message?: string } | undefined;
      if (error) pending?.reject(new Error(error.message ?? 'CDP error'));
      else pending?.resolve((message.result ?? {}) as Record<string, unknown>);
      return;
    }
    const method = String(message.method ?? '');
    const params = (message.params ?? {}) as Record<string, Json>;
    if (method === 'Runtime.exceptionThrown')
      this.problems.push({
        kind: 'exception',
        text: String(params.exceptionDetails?.exception?.description ?? params.exceptionDetails?.text),
      });
    else if (method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'assert'))
      this.problems.push({
        kind: 'console',
        text: JSON.stringify(params.args?.map((a: Json) => a.value ?? a.description)),
      });
    else if (method === 'Log.entryAdded' && params.entry?.level === 'error')
      this.problems.push({ kind: 'log', text: String(params.entry.text) });
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i];
      if (waiter && waiter.method === method) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  /** Sends a DevTools command (to the page's session when `onPage`). */
  send(method: string, params: Record<string, unknown> = {}, onPage = false): Promise<Record<string, Json>> {
    const id = ++this.seq;
    const message = { id, method, params, ...(onPage ? { sessionId: this.sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Opens `url` and waits for its load event. */
  async goto(url: string): Promise<void> {
    const loaded = new Promise<void>((resolve) =>
      this.waiters.push({ method: 'Page.loadEventFired', resolve }),
    );
    await this.send('Page.navigate', { url }, true);
    await loaded;
  }

  /** Evaluates an expression in the page and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const out = await this.send(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      true,
    );
    if (out.exceptionDetails)
      throw new Error(String(out.exceptionDetails.exception?.description ?? 'evaluate failed'));
    return out.result?.value as T;
  }

  /** A PNG of the page region `clip` (page coordinates), beyond the viewport if needed. */
  async screenshot(clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const out = await this.send(
      'Page.captureScreenshot',
      { format: 'png', clip: { ...clip, scale: 1 }, captureBeyondViewport: true },
      true,
    );
    return Buffer.from(String(out.data), 'base64');
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 2_000))]);
    } catch {
      // Closing anyway.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * `cloudbell preview`: mrkdwn rendering and escaping as Slack shows them, and the page itself
 * loaded in a real headless Chromium (Debian's `chromium`; `.ci/run` installs it): every sample
 * renders, the page's script runs without errors, nothing external is requested.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPage, chromiumAvailable } from '../../../scripts/chromium.js';
import { messagesOf } from '../../../src/cli/event-messages.js';
import { escapeHtml, mrkdwnToHtml } from '../../../src/cli/preview/mrkdwn.js';
import { previewPage } from '../../../src/cli/preview/page.js';
import { SAMPLES_DIR, sampleFiles } from '../../../src/cli/samples.js';
import { loadConfigFile } from '../../../src/core/config-file.js';
import { cli } from '../../helpers/cli.js';

describe('mrkdwn → HTML', () => {
  it.each([
    ['*Who*\nroot', '<b>Who</b><br>root'],
    ['_slow_ and ~gone~', '<i>slow</i> and <s>gone</s>'],
    ['`a*b*c`', '<code>a*b*c</code>'],
    [
      '<https://console.aws.amazon.com/x?a=1&amp;b=2|Open alarm>',
      '<a href="https://console.aws.amazon.com/x?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">Open alarm</a>',
    ],
    [
      '<!here> <@U0ALICE12> <!subteam^S0ONCALL|oncall> <#C0OPS|ops>',
      '<span class="mention broadcast">@here</span> <span class="mention">@U0ALICE12</span> <span class="mention">@oncall</span> <span class="mention">#ops</span>',
    ],
    ['```\nline *1*\n```', '<pre>line *1*</pre>'],
    ['&gt; quoted', '<blockquote>quoted</blockquote>'],
  ])('renders %j', (input, html) => {
    expect(mrkdwnToHtml(input)).toBe(html);
  });

  it('keeps what Slack escapes visible as text, and links only to the web', () => {
    expect(mrkdwnToHtml('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
    expect(mrkdwnToHtml('<https://x.test/"onmouseover="a|x>')).toContain(
      'href="https://x.test/&quot;onmouseover=&quot;a"',
    );
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });
});

describe('cloudbell preview', () => {
  it('writes one page with every sample', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'cloudbell-preview-')), 'p.html');
    const out = await cli(['preview', '--output', output]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${output}\n`);
    const html = readFileSync(output, 'utf8');
    for (const file of sampleFiles())
      expect(html).toContain(`data-source="${file.slice(SAMPLES_DIR.length + 1)}"`);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|https:\/\/fonts/);
  });

  it('previews given event files, and refuses unknown options', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'cloudbell-preview-')), 'p.html');
    const out = await cli(['preview', 'samples/other/ecs-task-stopped.json', '-o', output]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('1 messages from 1 events\n');
    expect((await cli(['preview', '--out', 'x'])).stderr).toBe(
      'cloudbell preview: unknown option --out (did you mean --output?)\n',
    );
  });
});

describe.skipIf(!chromiumAvailable())('the preview page in headless Chromium', () => {
  const config = loadConfigFile('cloudbell.config.yml');
  const hostile = {
    version: '0',
    id: 'x',
    'detail-type': 'Weird <script>alert(1)</script> & *bold* <!channel>',
    source: 'custom.app',
    account: '210987654321',
    time: '2026-11-25T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: { message: '<img src=x onerror=alert(1)> `code` <https://evil.test|login>' },
  };
  const items = [
    ...sampleFiles().map((f) => ({
      source: f.slice(SAMPLES_DIR.length + 1),
      messages: messagesOf(JSON.parse(readFileSync(f, 'utf8')), config),
    })),
    { source: 'hostile.json', messages: messagesOf(hostile, config) },
  ];
  const expected = items.reduce((n, i) => n + i.messages.length, 0);
  let page: ChromiumPage;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cloudbell-preview-')), 'preview.html');
    writeFileSync(file, previewPage(items));
    page = await ChromiumPage.launch({ width: 1100, height: 900 });
    await page.goto(pathToFileURL(file).href);
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('renders every message of every sample, and the script runs without errors', async () => {
    expect(page.problems).toEqual([]);
    expect(await page.evaluate<string>('document.body.dataset.rendered')).toBe(String(expected));
    const cards = await page.evaluate<
      Array<{ blocks: number; header: string; height: number; links: number }>
    >(
      `[...document.querySelectorAll('article.message')].map((a) => ({
        blocks: a.querySelectorAll('.blocks > *, .attachment > *').length,
        header: a.querySelector('.b-header')?.textContent ?? '',
        height: a.getBoundingClientRect().height,
        links: a.querySelectorAll('a').length,
      }))`,
    );
    expect(cards).toHaveLength(expected);
    const headers = items.flatMap((i) =>
      i.messages.map((m) => (m.blocks[0]?.type === 'header' ? m.blocks[0].text.text : '')),
    );
    expect(cards.map((c) => c.header)).toEqual(headers);
    for (const card of cards) {
      expect(card.blocks).toBeGreaterThan(1);
      expect(card.height).toBeGreaterThan(60);
    }
    expect(await page.evaluate<number>(`document.querySelectorAll('nav a').length`)).toBe(expected);
  });

  it('draws each attachment behind its colour bar', async () => {
    const colors = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.attachment')].map((a) => getComputedStyle(a).borderLeftColor)`,
    );
    const want = items.flatMap((i) => i.messages.flatMap((m) => (m.attachments ?? []).map((a) => a.color)));
    const rgb = (hex: string) => {
      const n = Number.parseInt(hex.slice(1), 16);
      return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
    };
    expect(colors).toEqual(want.map(rgb));
  });

  it('shows hostile text as text: no element, handler or link is injected', async () => {
    const facts = await page.evaluate<{ scripts: number; imgs: number; text: string; evil: number }>(
      `({
        scripts: document.scripts.length,
        imgs: document.images.length,
        text: document.querySelector('section[data-source="hostile.json"]').textContent,
        evil: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
      })`,
    );
    expect(facts.scripts).toBe(1);
    expect(facts.imgs).toBe(0);
    expect(facts.evil).toBe(0);
    expect(facts.text).toContain('<script>alert(1)</script>');
    expect(facts.text).toContain('<img src=x onerror=alert(1)>');
    expect(page.problems).toEqual([]);
  });
});

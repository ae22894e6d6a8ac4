/**
 * `npm run screenshots`: the README's pictures. Renders every sample with `cloudbell preview`'s
 * page, opens it in headless Chromium (Debian's `chromium`, plus `fonts-noto-color-emoji` for
 * the emoji) and saves one PNG per chosen sample under docs/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { messagesOf } from '../src/cli/event-messages.js';
import { previewPage } from '../src/cli/preview/page.js';
import { SAMPLES_DIR, sampleFiles } from '../src/cli/samples.js';
import { loadConfigFile } from '../src/core/config-file.js';
import { ChromiumPage, chromiumAvailable } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Sample → picture name: one of each family and state. */
export const PICTURES: Readonly<Record<string, string>> = {
  'alarms/metric-alarm.json': 'alarm',
  'alarms/ok.json': 'alarm-ok',
  'dlq/dlq-alarm.json': 'dlq',
  'security/root-console-sign-in.json': 'security-root-sign-in',
  'security/security-group-open-ssh.json': 'security-group-open',
  'other/ecs-task-stopped.json': 'ecs',
  'guardduty/recon-iam-user-permissions.json': 'guardduty',
  'health/ec2-instance-store-degraded.json': 'health',
};

if (!chromiumAvailable()) {
  console.error(
    'chromium not found: apt-get install -y chromium fonts-noto-color-emoji (or set CHROMIUM_PATH)',
  );
  process.exit(1);
}
const config = loadConfigFile(join(root, 'cloudbell.config.yml'));
const items = sampleFiles().map((file) => ({
  source: file.slice(SAMPLES_DIR.length + 1),
  messages: messagesOf(JSON.parse(readFileSync(file, 'utf8')), config),
}));
const dir = mkdtempSync(join(tmpdir(), 'cloudbell-shots-'));
const file = join(dir, 'preview.html');
writeFileSync(file, previewPage(items));
const page = await ChromiumPage.launch({ width: 1100, height: 900 });
try {
  await page.goto(pathToFileURL(file).href);
  if (page.problems.length > 0) throw new Error(`page errors: ${JSON.stringify(page.problems)}`);
  for (const [source, name] of Object.entries(PICTURES)) {
    const box = await page.evaluate<{ x: number; y: number; width: number; height: number } | null>(
      `(() => { const a = document.querySelector('section[data-source="${source}"] article.message');
        if (!a) return null; const r = a.getBoundingClientRect();
        return { x: r.left + scrollX - 4, y: r.top + scrollY - 4, width: r.width + 8, height: r.height + 8 }; })()`,
    );
    if (!box) throw new Error(`${source}: no message on the page`);
    const out = join(root, 'docs', `preview-${name}.png`);
    writeFileSync(out, await page.screenshot(box));
    console.log(`${out} (${Math.round(box.width)}×${Math.round(box.height)})`);
  }
} finally {
  await page.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The notify bundle exactly as `npm run package` builds it (esbuild.config.cjs, the options
 * serverless-esbuild applies), run in a fresh Node process the way the Lambda runtime runs it:
 * its environment, an SQS event and a context whose remaining time runs out at `timeoutMs`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { parseConfig } from '../../src/core/config.js';
import { packagingOptions } from './packaging.js';

const root = new URL('../../', import.meta.url).pathname;

export interface BundleRun {
  readonly response?: SQSBatchResponse;
  readonly timedOut: boolean;
  readonly stderr: string;
}

export interface NotifyBundle {
  readonly file: string;
  invoke(event: SQSEvent, env: Record<string, string>, timeoutMs: number): Promise<BundleRun>;
}

const RUNNER = `
const [file, timeoutMs] = process.argv.slice(2);
const event = JSON.parse(process.env.CLOUDBELL_TEST_EVENT);
const { handler } = await import(file);
const end = Date.now() + Number(timeoutMs);
const context = {
  awsRequestId: 'req-bundle', functionName: 'cloudbell-notify', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:210987654321:function:cloudbell-notify',
  memoryLimitInMB: '512', logGroupName: '/aws/lambda/cloudbell-notify', logStreamName: 's',
  callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
};
const response = await handler(event, context);
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(response));
process.exit(0);
`;

/**
 * @example
 * ```ts
 * const bundle = await buildNotifyBundle({ defaultChannel: '#aws-alerts' });
 * const { response } = await bundle.invoke(event, { SLACK_BOT_TOKEN: 'xoxb-test', … }, 30_000);
 * ```
 */
export async function buildNotifyBundle(slack: { defaultChannel: string }): Promise<NotifyBundle> {
  const config = parseConfig({ slack }, 'test');
  const dir = mkdtempSync(join(tmpdir(), 'cloudbell-notify-bundle-'));
  await build({
    ...packagingOptions(config),
    entryPoints: [`${root}src/handlers/notify.ts`],
    absWorkingDir: root,
    outfile: join(dir, 'notify.mjs'),
  });
  const runner = join(dir, 'run.mjs');
  writeFileSync(runner, RUNNER);
  const file = join(dir, 'notify.mjs');
  return {
    file,
    invoke(event, env, timeoutMs) {
      return new Promise((resolve) => {
        execFile(
          process.execPath,
          [runner, file, String(timeoutMs)],
          {
            // Only what Lambda would set: no NODE_OPTIONS or test loaders of this process.
            env: { PATH: process.env.PATH ?? '', ...env, CLOUDBELL_TEST_EVENT: JSON.stringify(event) },
            timeout: timeoutMs,
            cwd: dir,
          },
          (error, stdout, stderr) => {
            const marker = stdout.lastIndexOf('@@RESULT@@');
            const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
            resolve({
              timedOut,
              stderr,
              ...(marker >= 0 ? { response: JSON.parse(stdout.slice(marker + 10)) as SQSBatchResponse } : {}),
            });
          },
        );
      });
    },
  };
}

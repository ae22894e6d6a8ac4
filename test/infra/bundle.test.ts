/**
 * Builds the notify Lambda with the same esbuild options `npm run package` uses
 * (esbuild.config.cjs) and checks what goes into it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { packagingOptions } from '../helpers/packaging.js';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url).pathname;
/**
 * Budget of the notify bundle (~1.05 MB now). It carries the pinned DynamoDB client, the pinned
 * Lambda client (loaded only on an evidence hand-off) and, since the secret is read through
 * Powertools Parameters' own providers, the Secrets Manager and SSM clients (~260 KB, evaluated
 * only on first use): production must run the SDK the tests ran; the import is paid once per
 * environment and notify's latency is set by SQS batching, not by its import (issue 10).
 */
const NOTIFY_BUDGET_BYTES = 1200 * 1024;

const config = parseConfig({ slack: { defaultChannel: '#bundle-test-channel' } }, 'test');

let metafile: Metafile;
let code: string;

beforeAll(async () => {
  const result = await build({
    ...packagingOptions(config),
    entryPoints: [`${root}src/handlers/notify.ts`],
    absWorkingDir: root,
    write: false,
    metafile: true,
    outdir: '/tmp/cloudbell-bundle-test',
  });
  metafile = result.metafile;
  code = result.outputFiles[0]?.text ?? '';
}, 30_000);

const inputs = () => Object.keys(metafile.inputs);

describe('notify bundle', () => {
  it('contains no YAML parser: the config arrives parsed', () => {
    expect(inputs().filter((p) => p.includes('node_modules/yaml/'))).toEqual([]);
  });

  it('bundles the DynamoDB client and, for the evidence hand-off, the Lambda client', () => {
    expect(inputs().some((p) => p.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputs().some((p) => p.includes('node_modules/@aws-sdk/client-lambda/'))).toBe(true);
  });

  it('never pulls in Bolt', () => {
    expect(inputs().filter((p) => p.includes('node_modules/@slack/bolt/'))).toEqual([]);
  });

  it('carries the config injected at package time', () => {
    expect(code).toContain('#bundle-test-channel');
  });

  it('is an ES module with a require shim and stays within its size budget', () => {
    expect(
      code.startsWith("import{createRequire}from'module';const require=createRequire(import.meta.url);"),
    ).toBe(true);
    expect(Buffer.byteLength(code)).toBeLessThan(NOTIFY_BUDGET_BYTES);
  });
});

describe('bundled error classes', () => {
  it('keep their names after minification, so logs and replies say ConfigError, not a mangled name', async () => {
    const result = await build({
      ...packagingOptions(config),
      stdin: {
        contents:
          "import { ConfigError } from './src/core/errors.js'; export const name = new ConfigError('x').name;",
        resolveDir: root,
        loader: 'ts',
      },
      write: false,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'cloudbell-names-')), 'names.mjs');
    writeFileSync(file, result.outputFiles[0]?.text ?? '');
    const built = (await import(pathToFileURL(file).href)) as { name: string };
    expect(built.name).toBe('ConfigError');
  });
});

/** Every function serverless.yml packages, by its handler's source file. */
function packagedHandlers(): string[] {
  const yml = readFileSync(`${root}serverless.yml`, 'utf8');
  return [...yml.matchAll(/^\s+handler:\s*(src\/handlers\/[\w-]+)\.handler\s*$/gm)].map((m) => `${m[1]}.ts`);
}

describe('every packaged function', () => {
  const handlers = packagedHandlers();

  it('is found in serverless.yml (notify, slack, errors-worker, evidence at least)', () => {
    expect(handlers).toEqual(
      expect.arrayContaining([
        'src/handlers/notify.ts',
        'src/handlers/slack.ts',
        'src/handlers/errors-worker.ts',
        'src/handlers/evidence.ts',
      ]),
    );
  });

  it.each(handlers)(
    '%s bundles the AWS SDK it uses: no @aws-sdk import left for the runtime, one @smithy core',
    async (entry) => {
      const result = await build({
        ...packagingOptions(config),
        entryPoints: [`${root}${entry}`],
        absWorkingDir: root,
        write: false,
        metafile: true,
        outdir: '/tmp/cloudbell-bundle-test-all',
      });
      const external = Object.values(result.metafile.outputs).flatMap((o) =>
        o.imports.filter((i) => i.external).map((i) => i.path),
      );
      expect(external.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
      const bundled = Object.keys(result.metafile.inputs);
      // Every function here calls AWS, so each carries some SDK client.
      expect(bundled.some((p) => /node_modules\/@aws-sdk\/client-/.test(p))).toBe(true);
      // One version family: every client resolves the same hoisted @smithy/core, none a nested copy.
      const cores = new Set(
        bundled.flatMap((p) => {
          const m = /^(.*node_modules\/@smithy\/core)\//.exec(p);
          return m ? [m[1]] : [];
        }),
      );
      expect([...cores]).toEqual(['node_modules/@smithy/core']);
    },
    60_000,
  );
});

describe('the AWS SDK pins', () => {
  const pkg = require('../../package.json') as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const sdk = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([name]) =>
    name.startsWith('@aws-sdk/'),
  );

  it('lists the clients the Lambdas bundle', () => {
    expect(sdk.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        '@aws-sdk/client-dynamodb',
        '@aws-sdk/client-lambda',
        '@aws-sdk/util-dynamodb',
      ]),
    );
  });

  it.each(sdk)('%s is pinned to an exact version, the one installed', (name, pinned) => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (require(`${name}/package.json`) as { version: string }).version;
    expect(installed).toBe(pinned);
  });
});

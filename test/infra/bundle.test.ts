/**
 * Builds the notify Lambda with the same esbuild options `npm run package` uses
 * (esbuild.config.cjs) and checks what goes into it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url).pathname;
/**
 * Budget of the notify bundle (~695 KB now). It carries the pinned DynamoDB client (~340 KB of
 * it): production must run the SDK the tests ran; its import is paid once per environment.
 */
const NOTIFY_BUDGET_BYTES = 800 * 1024;

type Options = Record<string, unknown> & { exclude: string[] };
const esbuildConfig = require('../../esbuild.config.cjs') as (serverless: unknown) => Options;
const config = parseConfig({ slack: { defaultChannel: '#bundle-test-channel' } }, 'test');

let metafile: Metafile;
let code: string;

beforeAll(async () => {
  const {
    exclude,
    outputFileExtension: _ext,
    ...options
  } = esbuildConfig({ service: { custom: { cloudbell: { config } } } });
  const result = await build({
    ...options,
    // As serverless-esbuild does: `exclude` becomes esbuild `external`.
    external: exclude,
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

  it('bundles the pinned DynamoDB client instead of taking the runtime SDK', () => {
    const pinned = (require('../../package.json') as { dependencies: Record<string, string> }).dependencies[
      '@aws-sdk/client-dynamodb'
    ];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (require('@aws-sdk/client-dynamodb/package.json') as { version: string }).version;
    expect(installed).toBe(pinned);
    expect(inputs().some((p) => p.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    // Nothing of the SDK is left for the runtime to supply.
    const external = Object.values(metafile.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => i.path),
    );
    expect(external.filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
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
    const {
      exclude,
      outputFileExtension: _ext,
      ...options
    } = esbuildConfig({
      service: { custom: { cloudbell: { config } } },
    });
    const result = await build({
      ...options,
      external: exclude,
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

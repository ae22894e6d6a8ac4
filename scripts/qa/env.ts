/**
 * QA harness plumbing (not part of `npm test`: it needs moto). Starts moto's server as the
 * DynamoDB / Secrets Manager stand-in, creates the table exactly as the generated CloudFormation
 * template defines it, and loads a PACKAGED function (.serverless/<fn>.zip, unzipped) with the
 * environment the template gives it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The packaged build under test: this tree's `.serverless/` unless QA_PACKAGE_DIR names another
 * (e.g. an older tree's, to compare builds with the same harness and fixtures).
 */
export const PACKAGE_DIR = resolve(process.env.QA_PACKAGE_DIR ?? join(ROOT, '.serverless'));
const TEMPLATE = join(PACKAGE_DIR, 'cloudformation-template-update-stack.json');

// biome-ignore lint/suspicious/noExplicitAny: the CloudFormation template is untyped JSON
export type Template = any;
export function template(): Template {
  return JSON.parse(readFileSync(TEMPLATE, 'utf8'));
}

/** The generated template's function resource for `fn` (e.g. notify → NotifyLambdaFunction). */
export function functionResource(t: Template, fn: string): Template {
  const id = `${fn.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()).replace(/-/g, 'Dash')}LambdaFunction`;
  const alt = Object.keys(t.Resources).find(
    (k) =>
      k.toLowerCase() === id.toLowerCase() || k.toLowerCase() === `${fn.replace(/-/g, 'dash')}lambdafunction`,
  );
  const r = t.Resources[id] ?? (alt ? t.Resources[alt] : undefined);
  if (!r) throw new Error(`no function resource for ${fn}`);
  return r;
}

export async function startMoto(port: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return { url, proc };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  proc.kill();
  throw new Error('moto did not start');
}

/**
 * With QA_DYNALITE_PORT set, dynalite (another DynamoDB implementation) serves DynamoDB instead
 * of moto: AWS_ENDPOINT_URL_DYNAMODB points every SDK client at it. Returns the process to stop.
 */
export async function startDynalite(): Promise<ChildProcess | undefined> {
  const port = process.env.QA_DYNALITE_PORT;
  if (!port) return undefined;
  const proc = spawn(
    join(ROOT, 'node_modules/.bin/dynalite'),
    ['--host', '127.0.0.1', '--port', port, '--createTableMs', '0'],
    {
      stdio: 'ignore',
    },
  );
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(process.env.AWS_ENDPOINT_URL_DYNAMODB);
      return proc;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill();
  throw new Error('dynalite did not start');
}

/** Creates the state table from the template's StateTable definition, TTL included. */
export async function createTable(t: Template, name: string): Promise<void> {
  const { DynamoDBClient, CreateTableCommand, UpdateTimeToLiveCommand } = await import(
    '@aws-sdk/client-dynamodb'
  );
  const p = t.Resources.StateTable.Properties;
  const ddb = new DynamoDBClient({});
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: p.BillingMode,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
    }),
  );
  // dynalite has no UpdateTimeToLive (nor expiry): the harness runs are shorter than any TTL.
  if (!process.env.QA_DYNALITE_PORT)
    await ddb.send(
      new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: p.TimeToLiveSpecification }),
    );
}

export async function createSecret(id: string, value: object): Promise<void> {
  const { SecretsManagerClient, CreateSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  await new SecretsManagerClient({}).send(
    new CreateSecretCommand({ Name: id, SecretString: JSON.stringify(value) }),
  );
}

/** The environment the Lambda runtime gives `fn`, its AWS calls pointed at moto (`motoUrl`). */
export function lambdaEnv(fn: string, motoUrl: string): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_ENDPOINT_URL: motoUrl,
    AWS_LAMBDA_FUNCTION_NAME: fn,
  };
}

/** Env as the template sets it, with Refs resolved to `refs`. */
export function templateEnv(t: Template, fn: string, refs: Record<string, string>): Record<string, string> {
  const vars = functionResource(t, fn).Properties.Environment?.Variables ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === 'string') out[k] = v;
    else if (v && typeof v === 'object' && 'Ref' in v) out[k] = refs[(v as { Ref: string }).Ref] ?? '';
    else throw new Error(`unresolved env ${k}: ${JSON.stringify(v)}`);
  }
  return out;
}

/**
 * Unzips .serverless/<fn>.zip into a temp dir and links node_modules/@aws-sdk beside it, the way
 * the nodejs22.x runtime provides the SDK (only used when the bundle marks it external).
 */
export function unpack(fn: string, dir: string): string {
  // QA_FN_DIR keeps two harness runs on one machine out of each other's way.
  if (process.env.QA_FN_DIR) dir = join(process.env.QA_FN_DIR, fn);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  execFileSync('unzip', ['-q', '-o', join(PACKAGE_DIR, `${fn}.zip`), '-d', dir]);
  // The SDK of the tree the package was built in (the one its lockfile pins).
  symlinkSync(join(PACKAGE_DIR, '../node_modules/@aws-sdk'), join(dir, 'node_modules/@aws-sdk'));
  return dir;
}

export async function loadHandler(t: Template, fn: string, dir: string, instance = 0) {
  const handler: string = functionResource(t, fn).Properties.Handler;
  const [file, exported] = [
    handler.slice(0, handler.lastIndexOf('.')),
    handler.slice(handler.lastIndexOf('.') + 1),
  ];
  const started = performance.now();
  const mod = await import(`${pathToFileURL(join(dir, `${file}.mjs`)).href}?env=${instance}`);
  return {
    handler: mod[exported] as (e: unknown, c: unknown) => Promise<unknown>,
    importMs: performance.now() - started,
  };
}

export function context(fn: string, timeoutS: number) {
  const deadline = Date.now() + timeoutS * 1000;
  return {
    awsRequestId: crypto.randomUUID(),
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${fn}`,
    logStreamName: 'qa',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** A Lambda Invoke stand-in (async 202 / sync 200) recording what was invoked. */
export async function startLambdaStandin(): Promise<{
  url: string;
  invokes: { fn: string; type: string; payload: unknown }[];
  server: Server;
}> {
  const invokes: { fn: string; type: string; payload: unknown }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    let payload: unknown = Buffer.concat(chunks).toString();
    try {
      payload = JSON.parse(payload as string);
    } catch {}
    invokes.push({ fn: decodeURIComponent(m?.[1] ?? '?'), type, payload });
    res.writeHead(type === 'Event' ? 202 : 200, { 'content-type': 'application/json' });
    res.end(type === 'Event' ? '' : '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, invokes, server };
}

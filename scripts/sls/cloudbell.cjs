// osls variable source for the config-dependent parts of serverless.yml:
//   ${file(./scripts/sls/cloudbell.cjs):config}        the validated config (esbuild `define`)
//   ${file(./scripts/sls/cloudbell.cjs):resources}     generated rules, DLQ alarms, bus policy
//   ${file(./scripts/sls/cloudbell.cjs):workerTimeout} errors-worker timeout from errors.budgetSeconds
//   ${file(./scripts/sls/cloudbell.cjs):workerEvents}  the digest schedule, when enabled
//   ${file(./scripts/sls/cloudbell.cjs):evidenceTimeout}  evidence timeout from errors.budgetSeconds
//   ${file(./scripts/sls/cloudbell.cjs):evidenceFunction} notify's EVIDENCE_FUNCTION ('' when off)
// osls runs this CommonJS file in its own process; tsx loads the TypeScript generators so the
// rules come from the same catalogue the Lambda classifies with. Computed once per osls run.
// (tsx's CommonJS API: its ESM `tsImport` fails to load its own hooks under tsx 4.23 here.)
const path = require('node:path');

let cached;

async function compute({ resolveVariable }) {
  const { packageTime } = require('tsx/cjs/api').require('../infra/package-time.ts', __filename);
  const [configFile, service, stage, orgId, memberAccounts] = await Promise.all([
    resolveVariable('param:config'),
    resolveVariable('self:service'),
    resolveVariable('sls:stage'),
    resolveVariable('param:orgId'),
    resolveVariable('param:memberAccounts'),
  ]);
  return packageTime({
    configFile,
    serviceDir: path.resolve(__dirname, '../..'),
    prefix: `${service}-${stage}`,
    orgId,
    memberAccounts,
  });
}

// A bad config is the user's to fix: one line naming the file, the key and what was expected,
// then exit — osls would otherwise print it once per variable that needs it, with stack traces.
function reportConfigError(error) {
  if (error && error.name === 'ConfigError') {
    process.stderr.write(`cloudbell: ${String(error.message).split('\n')[0]}\n`);
    process.exit(1);
  }
  throw error;
}

// osls resolves in phases: in the first one `param:` and `sls:` are not available yet and
// resolveVariable throws, which osls expects and retries later. Cache only a success.
function once(args) {
  if (!cached) {
    cached = compute(args).catch(reportConfigError);
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

module.exports = {
  config: async (args) => (await once(args)).config,
  resources: async (args) => (await once(args)).fragment,
  workerTimeout: async (args) => (await once(args)).workerTimeout,
  workerEvents: async (args) => (await once(args)).workerEvents,
  evidenceTimeout: async (args) => (await once(args)).evidenceTimeout,
  evidenceFunction: async (args) => (await once(args)).evidenceFunction,
};

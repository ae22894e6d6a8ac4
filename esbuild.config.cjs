// serverless-esbuild options (custom.esbuild.config in serverless.yml). A config file rather
// than YAML because the validated cloudbell config is injected here with `define`: Lambdas never
// read YAML, so the bundles carry neither the config file nor the `yaml` package.
/** @param {{ service: { custom?: { cloudbell?: { config?: unknown } } } }} serverless */
module.exports = (serverless) => {
  const config = serverless.service.custom?.cloudbell?.config;
  if (config == null || typeof config !== 'object') {
    throw new Error('custom.cloudbell.config did not resolve: see scripts/sls/cloudbell.cjs');
  }
  return {
    bundle: true,
    minify: true,
    // Minifying renames classes; CloudbellError names itself after `new.target.name`, and logs
    // and Slack replies show error names. Keep them readable ("ConfigError", not "Be").
    keepNames: true,
    sourcemap: false,
    format: 'esm',
    outputFileExtension: '.mjs',
    platform: 'node',
    // Lambda runs nodejs22.x; bundling for node20 keeps the code identical to what tests run here.
    target: 'node20',
    // ESM builds of the SDK and Slack packages tree-shake far better (365 KB vs 564 KB measured).
    mainFields: ['module', 'main'],
    // CommonJS dependencies call require("node:…"); ESM output has no require without this.
    banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
    // The DynamoDB client (@aws-sdk/client-dynamodb, pinned in package.json) is BUNDLED wherever
    // it is used (notify's state; the lazy imports of slack's replay guard and the evidence
    // ledger): the alert path must run the SDK version its tests ran, not whatever the runtime
    // ships that month. Measured: slack's bundle +~440 KB, +~60 ms import; its cold ack stays
    // ~470 ms (bench/ack.bench.ts, target 750 ms). The clients errors-worker and slack use (CloudWatch, Logs, Lambda) still come from
    // the nodejs22.x runtime, which keeps the slash ack's cold start small; they are listed by
    // name so nothing else is left out. serverless-esbuild passes `exclude` to esbuild
    // `external` and, with no `external` packages listed, packs no node_modules.
    exclude: ['@aws-sdk/client-cloudwatch', '@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-lambda'],
    define: { __CLOUDBELL_CONFIG__: JSON.stringify(config) },
  };
};

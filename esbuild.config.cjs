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
    // Every AWS SDK v3 package is BUNDLED, at the exact version package.json pins (one version
    // family, so the clients share one @smithy core): production runs the SDK the tests ran, not
    // whatever the nodejs22.x runtime ships that month. Nothing is `exclude`d (serverless-esbuild
    // passes `exclude` to esbuild `external`; with none, it packs no node_modules).
    // test/infra/bundle.test.ts checks every packaged function has no external @aws-sdk import.
    // Clients off a function's hot path are imported lazily (`await import()`), so their module
    // code is evaluated only when first used; the slash ack stays within 750 ms cold
    // (bench/ack.bench.ts).
    exclude: [],
    define: { __CLOUDBELL_CONFIG__: JSON.stringify(config) },
  };
};

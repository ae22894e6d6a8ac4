#!/usr/bin/env node
// `npm run offline`: serverless-offline for the slack endpoint, refusing to start without the
// Slack credentials it reads from the shell. Without them every request would be answered with
// HTTP 200 and a JSON stack trace, which Slack shows as "dispatch_failed" and nobody can read.
import { spawn } from 'node:child_process';

const REQUIRED = [
  ['SLACK_SIGNING_SECRET', "the Slack app's signing secret, under Basic Information"],
  ['SLACK_BOT_TOKEN', 'the xoxb-… bot token, under OAuth & Permissions'],
];

/** One line per missing variable, naming it and what to put in it. */
function missingOfflineEnv(env) {
  return REQUIRED.filter(([name]) => !env[name]?.trim()).map(
    ([name, what]) => `${name} is not set (${what})`,
  );
}

const missing = missingOfflineEnv(process.env);
if (missing.length > 0) {
  process.stderr.write(
    `npm run offline: not starting: ${missing.join('; ')}. Run SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=xoxb-… npm run offline\n`,
  );
  process.exit(2);
}
const child = spawn('npx', ['osls', 'offline', 'start', '--stage', 'local', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

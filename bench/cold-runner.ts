/**
 * Runs a bench's runner script in a fresh Node process (a cold start, as the Lambda runtime
 * starts one) with only the environment given, and notes when it printed `ANSWERED` — the
 * moment its first answer was ready — so a bench can time spawn → first answer.
 */
import { spawn } from 'node:child_process';

export interface ColdRun {
  /** Everything the runner printed on stdout. */
  readonly output: string;
  /** `performance.now()` when the runner printed `ANSWERED`; 0 if it never did. */
  readonly answeredAt: number;
}

/**
 * @example
 * ```ts
 * const started = performance.now();
 * const { output, answeredAt } = await runCold(runner, { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' });
 * const coldMs = answeredAt - started;
 * ```
 */
export function runCold(runner: string, env: NodeJS.ProcessEnv): Promise<ColdRun> {
  let answeredAt = 0;
  return new Promise<ColdRun>((resolveRun, reject) => {
    const child = spawn(process.execPath, [runner], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (!answeredAt && out.includes('ANSWERED\n')) answeredAt = performance.now();
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) =>
      code === 0
        ? resolveRun({ output: out, answeredAt })
        : reject(new Error(`runner exited ${code}: ${err}`)),
    );
  });
}

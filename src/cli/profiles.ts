/**
 * Whether a named AWS profile exists in the shared config or credentials file, so `cloudbell
 * errors --profile typo` says the profile is missing instead of the SDK's "Could not load
 * credentials from any providers" (its default chain swallows the profile error).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

async function sections(path: string): Promise<string[]> {
  try {
    const text = await readFile(path, 'utf8');
    return [...text.matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((m) => m[1] ?? '');
  } catch {
    return [];
  }
}

/**
 * @param env - `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` move the files, as for the SDK
 * @example
 * ```ts
 * await profileExists('prod-readonly', process.env); // true when ~/.aws/config has [profile prod-readonly]
 * ```
 */
export async function profileExists(profile: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const home = env.HOME ?? homedir();
  const config = await sections(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'));
  const credentials = await sections(env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'));
  // ~/.aws/config names profiles "profile NAME" (the default one just "default"); credentials uses NAME.
  return (
    credentials.includes(profile) ||
    config.some((s) => s === profile || s.replace(/^profile\s+/, '') === profile)
  );
}

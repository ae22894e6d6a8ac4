/** What `cloudbell doctor` checks (stage, region, where the Slack secret is) and what it checks through. */
import type { AppCommandUrl, DoctorAws, DoctorSlack, HttpProbe } from './doctor-ports.js';

export interface DoctorOptions {
  readonly stage: string;
  readonly region: string;
  readonly service?: string;
  /** Secrets Manager secret (default `cloudbell/slack`), or an SSM parameter. */
  readonly secret: { secretId: string } | { parameter: string };
  readonly forwarderStack: string;
  /** Set when SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET override the stored secret. */
  readonly localToken?: string;
  readonly localSigningSecret?: string;
}

export interface DoctorDeps {
  readonly aws: DoctorAws;
  /** Slack calls with a given bot token. */
  readonly slack: (token: string) => Promise<DoctorSlack>;
  readonly probe: HttpProbe;
  /** Set when an app configuration token and app id are given. */
  readonly appCommandUrl?: AppCommandUrl;
}

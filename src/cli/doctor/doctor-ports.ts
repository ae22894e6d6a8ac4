/**
 * What `cloudbell doctor` asks of AWS and Slack. The checks are written against these, and the
 * adapters (doctor-aws.ts, doctor-slack.ts) import the SDKs only when doctor runs.
 */

/** A failed call: the service's error code (AccessDeniedException, invalid_auth…) and message. */
export class PortError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface StackInfo {
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
}

export interface RuleInfo {
  readonly name: string;
  readonly state: string;
}

export interface TrailInfo {
  readonly name: string;
  readonly homeRegion: string;
  readonly multiRegion: boolean;
  readonly logging: boolean;
}

export interface DoctorAws {
  /** The secret's JSON: Secrets Manager by name or ARN, or an SSM SecureString parameter. */
  readSecret(ref: { secretId: string } | { parameter: string }): Promise<unknown>;
  /** `undefined` when the stack does not exist in that region. */
  describeStack(name: string, region: string): Promise<StackInfo | undefined>;
  /** Rules whose name starts with `prefix`, on the default bus or on `bus`. */
  listRules(prefix: string, bus?: string): Promise<RuleInfo[]>;
  /** Trails that apply to `region` (its own and multi-region ones), with their logging status. */
  trails(region: string): Promise<TrailInfo[]>;
}

export interface ChannelInfo {
  readonly id: string;
  readonly name: string;
  readonly isMember: boolean;
  readonly isPrivate: boolean;
  readonly isArchived: boolean;
}

export interface DoctorSlack {
  /** `auth.test`, with the token's scopes from the `x-oauth-scopes` header. */
  authTest(): Promise<{ user: string; team: string; teamId: string; scopes: string[] }>;
  /** `conversations.info` for an id. */
  channelById(id: string): Promise<ChannelInfo>;
  /** The channel named `name` (without #), searched with `conversations.list`; undefined when none. */
  channelByName(name: string): Promise<ChannelInfo | undefined>;
}

/** The app's /aws-errors URL from `apps.manifest.export` (needs an app configuration token). */
export type AppCommandUrl = () => Promise<string | undefined>;

/** Answers of the stack's request URL to an unsigned POST. */
export type HttpProbe = (url: string) => Promise<{ status: number }>;

/**
 * cloudbell's error hierarchy: one base class, specific subclasses that keep `cause`.
 */
export class CloudbellError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The configuration file is missing, unreadable or invalid. */
export class ConfigError extends CloudbellError {}

/** An input could not be read as JSON or as any known event shape. */
export class InputError extends CloudbellError {}

/** Slack refused or failed a call; `code` is Slack's error string or the HTTP status. */
export class SlackDeliveryError extends CloudbellError {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A secret could not be read from Secrets Manager / SSM. */
export class SecretError extends CloudbellError {}

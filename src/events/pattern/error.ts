import { CloudbellError } from '../../errors.js';

/**
 * An event pattern that EventBridge would reject (or that cloudbell cannot evaluate the way
 * EventBridge does). `path` is the dotted field path of the offending part, e.g.
 * `detail.state`.
 */
export class PatternError extends CloudbellError {
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(path ? `${path}: ${message}` : message, options);
  }
}

/**
 * An event pattern that EventBridge would reject (or that cloudbell cannot evaluate the way
 * EventBridge does). `path` is the dotted field path of the offending part, e.g.
 * `detail.state`.
 *
 * It extends `Error` directly (not cloudbell's `CloudbellError`) so that the matcher imports
 * nothing outside `src/pattern/` and can be used on its own.
 */
export class PatternError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(path ? `${path}: ${message}` : message, options);
    this.name = 'PatternError';
  }
}

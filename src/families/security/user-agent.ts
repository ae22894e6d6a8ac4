/**
 * CloudTrail `userAgent` strings, shortened to what a person recognises: "Chrome on macOS",
 * "AWS CLI 2.15", "Terraform 1.6", "console".
 */

const MAX = 60;

/** "2.15" from "2.15.10": major.minor is what people quote. */
function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

const TOOLS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^aws-cli\/(\d[\w.]*)/i, 'AWS CLI'],
  [/(?:^|\s)Terraform\/(\d[\w.]*)/, 'Terraform'],
  [/(?:^|\s)Pulumi\/(\d[\w.]*)/i, 'Pulumi'],
  [/(?:^|\s)aws-cdk\/(\d[\w.]*)/i, 'AWS CDK'],
  [/^Boto3\/(\d[\w.]*)/i, 'Boto3'],
  [/^Botocore\/(\d[\w.]*)/i, 'Botocore'],
  [/^aws-sdk-js\/(\d[\w.]*)/i, 'AWS SDK for JavaScript'],
  [/^aws-sdk-nodejs\/(\d[\w.]*)/i, 'AWS SDK for JavaScript'],
  [/^aws-sdk-go-v2\/(\d[\w.]*)/i, 'AWS SDK for Go v2'],
  [/^aws-sdk-go\/(\d[\w.]*)/i, 'AWS SDK for Go'],
  [/^aws-sdk-java\/(\d[\w.]*)/i, 'AWS SDK for Java'],
  [/^aws-sdk-dotnet[\w-]*\/(\d[\w.]*)/i, 'AWS SDK for .NET'],
  [/^aws-sdk-ruby\d?\/(\d[\w.]*)/i, 'AWS SDK for Ruby'],
  [/^aws-sdk-php\/(\d[\w.]*)/i, 'AWS SDK for PHP'],
  [/^aws-sdk-rust\/(\d[\w.]*)/i, 'AWS SDK for Rust'],
  [/^AWSPowerShell[\w.]*\/(\d[\w.]*)/i, 'AWS Tools for PowerShell'],
];

function browser(ua: string): string | undefined {
  if (!/^Mozilla\//.test(ua)) return undefined;
  const name = /Edg(?:e|A|iOS)?\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\/|FxiOS\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : 'a browser';
  const os = /iPhone|iPad|iPod/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : undefined;
  return os ? `${name} on ${os}` : name;
}

/**
 * A short, readable name for a CloudTrail user agent, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * shortUserAgent('aws-cli/2.15.10 Python/3.11.6 Darwin/23.2.0 exe/x86_64'); // 'AWS CLI 2.15'
 * shortUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) … Chrome/120.0 Safari/537.36'); // 'Chrome on macOS'
 * ```
 */
export function shortUserAgent(userAgent: string | undefined): string | undefined {
  // S3 wraps SDK user agents in brackets: "[aws-cli/2.15.10 …]".
  const ua = userAgent
    ?.trim()
    .replace(/^\[(.*)\]$/s, '$1')
    .trim();
  if (!ua) return undefined;
  const asBrowser = browser(ua);
  if (asBrowser) return asBrowser;
  // The console's own calls: "console.amazonaws.com", "console.ec2.amazonaws.com", "signin.amazonaws.com".
  if (/^(console(\.[\w-]+)*|signin)\.amazonaws\.com$/i.test(ua)) return 'console';
  if (ua === 'AWS Internal' || /^aws-internal\//i.test(ua)) return 'AWS internal';
  if (/^[\w-]+(\.[\w-]+)*\.amazonaws\.com$/i.test(ua)) return ua;
  for (const [pattern, name] of TOOLS) {
    const match = ua.match(pattern);
    if (match?.[1]) return `${name} ${majorMinor(match[1])}`;
  }
  const first = ua.split(/\s+/)[0] ?? ua;
  return first.length > MAX ? `${first.slice(0, MAX - 1)}…` : first;
}

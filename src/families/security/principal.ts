/**
 * Who made a CloudTrail call, in words: a short subject for the summary sentence and a
 * fuller "Who" fact (principal type, user / role and session, who assumed it, ARN).
 */
import type { UserIdentity } from './record.js';

export interface Principal {
  /** Sentence subject: "root", "alice", "alice (role Admin, session alice@example.com)". */
  readonly subject: string;
  /** The "Who" fact: description, then the ARN on its own line. */
  readonly who: string;
  /** The ARN ignore rules match: the role's ARN for a role session, else the caller's ARN. */
  readonly routeArn?: string;
}

/** Last path segment of an ARN resource: "Admin" for ".../role/Admin". */
function lastSegment(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split('/');
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

/** Role and session of an assumed-role ARN: arn:aws:sts::1:assumed-role/Admin/alice. */
function roleSession(arn: string | undefined): { role?: string; session?: string } {
  const match = arn?.match(/:assumed-role\/(.+)\/([^/]+)$/);
  if (!match) return {};
  const role = match[1]?.split('/').pop();
  return { ...(role ? { role } : {}), ...(match[2] ? { session: match[2] } : {}) };
}

function lines(...parts: Array<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

/** "alice" for a session named "alice@example.com": the person, when the session is an email. */
function personOf(session: string): string | undefined {
  const at = session.indexOf('@');
  return at > 0 ? session.slice(0, at) : undefined;
}

/**
 * Describes the principal of a CloudTrail record.
 *
 * @example
 * ```ts
 * describePrincipal({ type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Admin/alice@example.com' }).subject;
 * // 'alice (role Admin, session alice@example.com)'
 * ```
 */
export function describePrincipal(identity: UserIdentity | undefined, recipientAccount?: string): Principal {
  if (!identity) return { subject: 'an unknown principal', who: 'Unknown principal' };
  const { type, arn, userName, accountId, invokedBy } = identity;
  const crossAccount =
    accountId && recipientAccount && accountId !== recipientAccount ? `from account ${accountId}` : undefined;
  const via = invokedBy ? `via ${invokedBy}` : undefined;
  const withArn = (text: string) => lines([text, crossAccount, via].filter(Boolean).join(' · '), arn);
  const routeArn = arn ? { routeArn: arn } : {};

  switch (type) {
    case 'Root':
      return { subject: 'root', who: withArn(`Root${accountId ? ` (${accountId})` : ''}`), ...routeArn };
    case 'IAMUser': {
      // AWS hides the name a failed sign-in typed when no such user exists.
      const hidden = userName === 'HIDDEN_DUE_TO_SECURITY_REASONS';
      const name = hidden
        ? 'an unknown user'
        : (userName ?? lastSegment(arn) ?? identity.principalId ?? 'an IAM user');
      return {
        subject: name,
        who: withArn(hidden ? 'IAM user (name hidden by AWS)' : `IAM user ${name}`),
        ...routeArn,
      };
    }
    case 'AssumedRole': {
      const issuer = identity.sessionContext?.sessionIssuer;
      const parsed = roleSession(arn);
      const role = issuer?.userName ?? parsed.role ?? 'unknown role';
      const session = parsed.session;
      const sourceIdentity = identity.sessionContext?.sourceIdentity;
      const onBehalfOf = identity.onBehalfOf?.userId;
      // OIDC providers are named by ARN; the host part is what people recognise.
      const provider = identity.sessionContext?.webIdFederationData?.federatedProvider?.replace(
        /^arn:[^:]+:iam::\d*:oidc-provider\//,
        '',
      );
      const person = sourceIdentity ?? (session ? personOf(session) : undefined);
      const inside = [
        `role ${role}`,
        session && person && person !== session ? `session ${session}` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      const name = person ?? session;
      const subject = name ? `${name} (${inside})` : `role ${role}`;
      const assumedBy = sourceIdentity
        ? `assumed by ${sourceIdentity}`
        : onBehalfOf
          ? `on behalf of Identity Center user ${onBehalfOf}`
          : provider
            ? `assumed via ${provider}`
            : undefined;
      const text = [`Role ${role}`, session ? `session ${session}` : undefined, assumedBy]
        .filter(Boolean)
        .join(' · ');
      return { subject, who: withArn(text), ...(issuer?.arn ? { routeArn: issuer.arn } : routeArn) };
    }
    case 'FederatedUser': {
      const name = lastSegment(arn) ?? userName ?? 'a federated user';
      const issuer = identity.sessionContext?.sessionIssuer?.userName;
      const text = `Federated user ${name}${issuer ? ` · issued by IAM user ${issuer}` : ''}`;
      const issuerArn = identity.sessionContext?.sessionIssuer?.arn;
      return {
        subject: `federated user ${name}`,
        who: withArn(text),
        ...(issuerArn ? { routeArn: issuerArn } : routeArn),
      };
    }
    case 'AWSService': {
      const service = invokedBy ?? 'an AWS service';
      return { subject: service, who: lines(`AWS service ${service}`, arn), ...routeArn };
    }
    case 'AWSAccount': {
      const account = accountId ?? identity.principalId ?? 'another account';
      return { subject: `account ${account}`, who: withArn(`AWS account ${account}`), ...routeArn };
    }
    case 'IdentityCenterUser': {
      const name = userName ?? identity.onBehalfOf?.userId ?? 'an Identity Center user';
      return { subject: name, who: withArn(`Identity Center user ${name}`), ...routeArn };
    }
    default: {
      const name = userName ?? lastSegment(arn) ?? identity.principalId ?? 'an unknown principal';
      const label = type ? `${type} ${name}` : name;
      return { subject: name, who: withArn(label), ...routeArn };
    }
  }
}

/**
 * The resource and the actor of a GuardDuty finding, as one line each: which instance, access
 * key, bucket, EKS cluster, Lambda function or RDS database; from which IP, ASN and country,
 * calling which API.
 */
import { arr, at, join, obj, str } from '../common.js';

export interface FindingResource {
  /** One line for the Resource field. */
  readonly text: string;
  /** Ids and ARNs, for ignore lists. */
  readonly ids: string[];
}

/**
 * @example
 * ```ts
 * describeResource(detail.resource).text; // 'Access key ASIAEXAMPLE (IAM user testuser)'
 * ```
 */
export function describeResource(resource: unknown): FindingResource {
  const type = str(at(resource, 'resourceType'));
  const ids: string[] = [];
  const lines: string[] = [];
  const instance = obj(at(resource, 'instanceDetails'));
  if (instance) {
    const id = str(instance.instanceId);
    if (id) ids.push(id);
    const name = arr(instance.tags)
      .map(obj)
      .find((t) => str(t?.key) === 'Name');
    lines.push(join([`Instance ${id ?? '(unknown id)'}`, str(name?.value), str(instance.instanceType)]));
  }
  const key = obj(at(resource, 'accessKeyDetails'));
  if (key) {
    const keyId = str(key.accessKeyId);
    const user = str(key.userName);
    if (keyId) ids.push(keyId);
    if (user) ids.push(user);
    const who = user ? `${str(key.userType) ?? 'principal'} ${user}` : undefined;
    lines.push(`Access key ${keyId ?? '(unknown)'}${who ? ` (${who})` : ''}`);
  }
  for (const bucket of arr(at(resource, 's3BucketDetails')).map(obj).slice(0, 5)) {
    const name = str(bucket?.name);
    const arn = str(bucket?.arn);
    if (name) ids.push(name);
    if (arn) ids.push(arn);
    lines.push(`S3 bucket ${name ?? arn ?? '(unknown)'}`);
  }
  const eks = obj(at(resource, 'eksClusterDetails'));
  if (eks) {
    const name = str(eks.name);
    if (name) ids.push(name);
    const workload = str(at(resource, 'kubernetesDetails', 'kubernetesWorkloadDetails', 'name'));
    const namespace = str(at(resource, 'kubernetesDetails', 'kubernetesWorkloadDetails', 'namespace'));
    lines.push(
      join([
        `EKS cluster ${name ?? '(unknown)'}`,
        workload ? `workload ${namespace ? `${namespace}/` : ''}${workload}` : undefined,
      ]),
    );
  }
  const lambda = obj(at(resource, 'lambdaDetails'));
  if (lambda) {
    const name = str(lambda.functionName);
    const arn = str(lambda.functionArn);
    if (name) ids.push(name);
    if (arn) ids.push(arn);
    lines.push(`Lambda function ${name ?? arn ?? '(unknown)'}`);
  }
  const rds = obj(at(resource, 'rdsDbInstanceDetails'));
  if (rds) {
    const db = str(rds.dbInstanceIdentifier) ?? str(rds.dbClusterIdentifier);
    if (db) ids.push(db);
    const user = str(at(resource, 'rdsDbUserDetails', 'user'));
    lines.push(join([`RDS ${db ?? '(unknown)'}`, str(rds.engine), user ? `user ${user}` : undefined]));
  }
  const ecs = obj(at(resource, 'ecsClusterDetails'));
  if (ecs) {
    const name = str(ecs.name);
    if (name) ids.push(name);
    lines.push(`ECS cluster ${name ?? '(unknown)'}`);
  }
  if (lines.length === 0 && type) lines.push(type);
  return { text: lines.join('\n'), ids };
}

/** The remote side of the finding's action: IP · ASN org · city, country. */
function remote(details: unknown): string | undefined {
  const ip = str(at(details, 'ipAddressV4')) ?? str(at(details, 'ipAddressV6'));
  if (!ip) return undefined;
  const asn = str(at(details, 'organization', 'asn'));
  const org = str(at(details, 'organization', 'asnOrg')) ?? str(at(details, 'organization', 'org'));
  const place = join(
    [str(at(details, 'city', 'cityName')), str(at(details, 'country', 'countryName'))],
    ', ',
  );
  return join([
    ip,
    asn || org ? join([asn ? `AS${asn}` : undefined, org], ' ') : undefined,
    place || undefined,
  ]);
}

export interface FindingActor {
  /** Who or what acted, from where. */
  readonly actor?: string;
  /** What they did (API called, connection, DNS query…). */
  readonly action?: string;
}

/**
 * @example
 * ```ts
 * describeAction(detail.service.action);
 * // { actor: '198.51.100.7 · AS16509 AMAZON-02 · London, United Kingdom', action: 'iam.amazonaws.com ListPolicyVersions' }
 * ```
 */
export function describeAction(action: unknown): FindingActor {
  const api = obj(at(action, 'awsApiCallAction'));
  if (api) {
    const call = join([str(api.serviceName), str(api.api)], ' ');
    const failed = str(api.errorCode);
    return {
      ...(remote(api.remoteIpDetails) ? { actor: remote(api.remoteIpDetails) } : {}),
      ...(call ? { action: `API call ${call}${failed ? ` (${failed})` : ''}` } : {}),
    };
  }
  const net = obj(at(action, 'networkConnectionAction'));
  if (net) {
    const port = str(at(net, 'localPortDetails', 'port'));
    const portName = str(at(net, 'localPortDetails', 'portName'));
    const direction = str(net.connectionDirection)?.toLowerCase();
    const blocked = net.blocked === true ? ' · blocked' : '';
    return {
      ...(remote(net.remoteIpDetails) ? { actor: remote(net.remoteIpDetails) } : {}),
      action:
        `${direction ?? 'network'} ${str(net.protocol) ?? ''} connection${port ? ` on port ${port}${portName && portName !== 'Unknown' ? ` (${portName})` : ''}` : ''}${blocked}`.replace(
          /\s+/g,
          ' ',
        ),
    };
  }
  const probe = obj(at(action, 'portProbeAction'));
  if (probe) {
    const details = arr(probe.portProbeDetails).map(obj);
    const ports = [...new Set(details.map((d) => str(at(d, 'localPortDetails', 'port'))).filter(Boolean))];
    const first = details[0];
    return {
      ...(remote(first?.remoteIpDetails) ? { actor: remote(first?.remoteIpDetails) } : {}),
      action: `port probe${ports.length > 0 ? ` on port${ports.length > 1 ? 's' : ''} ${ports.slice(0, 8).join(', ')}` : ''}`,
    };
  }
  const dns = obj(at(action, 'dnsRequestAction'));
  if (dns) return { action: `DNS query for ${str(dns.domain) ?? '(unknown domain)'}` };
  const k8s = obj(at(action, 'kubernetesApiCallAction'));
  if (k8s) {
    return {
      ...(remote(k8s.remoteIpDetails) ? { actor: remote(k8s.remoteIpDetails) } : {}),
      action: join(['Kubernetes API', str(k8s.verb), str(k8s.requestUri)], ' '),
    };
  }
  const login = obj(at(action, 'rdsLoginAttemptAction'));
  if (login) {
    return {
      ...(remote(login.remoteIpDetails) ? { actor: remote(login.remoteIpDetails) } : {}),
      action: 'database login attempts',
    };
  }
  const type = str(at(action, 'actionType'));
  return type ? { action: type } : {};
}

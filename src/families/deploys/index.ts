/**
 * Deploys: CodePipeline pipeline and action executions, CodeBuild builds and CodeDeploy
 * deployments. Failures by default, successes when `families.deploys.successes` is on. An
 * action failure and the pipeline failure it causes share one thread per execution.
 */
import type { Alert, Fact, Link } from '../../alerts/alert.js';
import { formatTime } from '../../alerts/time.js';
import type { EventBridgeEvent } from '../../sources/unwrap.js';
import { selects } from '../adapter.js';
import {
  arr,
  at,
  awsUrl,
  eventOf,
  fallbackLine,
  isoTime,
  join,
  obj,
  placeOf,
  str,
  whereOf,
} from '../common.js';
import type { FamilyDefinition, FamilyInput } from '../definition.js';
import { buildUrl, deploymentUrl, pipelineExecutionUrl, pipelineUrl } from './deploy-links.js';

const PIPELINE = 'CodePipeline Pipeline Execution State Change';
const ACTION = 'CodePipeline Action Execution State Change';
const BUILD = 'CodeBuild Build State Change';
const DEPLOYMENT = 'CodeDeploy Deployment State-change Notification';

const FAILED_BUILD = ['FAILED', 'FAULT', 'TIMED_OUT'];

interface Parts {
  readonly ok: boolean;
  readonly title: string;
  readonly summary?: string;
  readonly facts: Fact[];
  readonly links: Link[];
  readonly thread?: string;
  readonly resources: string[];
  readonly type: string;
}

/** "started by": CodePipeline's execution trigger (newer events) as one line. */
function trigger(detail: unknown): string | undefined {
  const type = str(at(detail, 'execution-trigger', 'trigger-type'));
  const who = str(at(detail, 'execution-trigger', 'trigger-detail'));
  return type || who ? join([type, who]) : undefined;
}

function pipelineParts(d: unknown, region: string | undefined, action: boolean): Parts {
  const pipeline = str(at(d, 'pipeline')) ?? '(unknown pipeline)';
  const execution = str(at(d, 'execution-id'));
  const state = str(at(d, 'state')) ?? 'UNKNOWN';
  const ok = state === 'SUCCEEDED';
  const stage = str(at(d, 'stage'));
  const actionName = str(at(d, 'action'));
  const result = obj(at(d, 'execution-result'));
  const error = join([str(result?.['error-code']), str(result?.['external-execution-summary'])], ': ');
  const where = action ? ` at ${join([stage, actionName], ' › ')}` : '';
  const links: Link[] = [];
  if (region && execution)
    links.push({ text: 'Open execution', url: pipelineExecutionUrl(region, pipeline, execution) });
  else if (region) links.push({ text: 'Open pipeline', url: pipelineUrl(region, pipeline) });
  const external = awsUrl(result?.['external-execution-url']);
  if (external) links.push({ text: `Open ${str(at(d, 'type', 'provider')) ?? 'action'}`, url: external });
  return {
    ok,
    title: ok ? `Pipeline ${pipeline} succeeded` : `Pipeline ${pipeline} ${state.toLowerCase()}${where}`,
    ...(error ? { summary: error } : {}),
    facts: [
      { label: 'Pipeline', value: pipeline },
      { label: 'State', value: state },
      { label: 'Stage › action', value: action ? join([stage, actionName], ' › ') : '' },
      { label: 'Provider', value: join([str(at(d, 'type', 'category')), str(at(d, 'type', 'provider'))]) },
      { label: 'Started by', value: trigger(d) ?? '' },
      { label: 'Execution', value: execution ?? '' },
    ],
    links,
    ...(execution ? { thread: `deploy:codepipeline:${pipeline}:${execution}` } : {}),
    resources: [pipeline],
    type: `codepipeline:${action ? 'action' : 'pipeline'}:${state}`,
  };
}

function buildParts(d: unknown, region: string | undefined): Parts {
  const project = str(at(d, 'project-name')) ?? '(unknown project)';
  const status = str(at(d, 'build-status')) ?? 'UNKNOWN';
  const ok = status === 'SUCCEEDED';
  const buildId = str(at(d, 'build-id'));
  const info = at(d, 'additional-information');
  const failed = arr(at(info, 'phases'))
    .map(obj)
    .find((p) => p && str(p['phase-status']) && str(p['phase-status']) !== 'SUCCEEDED');
  const context = arr(failed?.['phase-context']).map(str).filter(Boolean).join('\n');
  const links: Link[] = [];
  if (region && buildId) links.push({ text: 'Open build', url: buildUrl(region, project, buildId) });
  const logs = awsUrl(at(info, 'logs', 'deep-link'));
  if (logs) links.push({ text: 'Build logs', url: logs });
  return {
    ok,
    title: ok ? `Build ${project} succeeded` : `Build ${project} ${status.toLowerCase().replace('_', ' ')}`,
    ...(context ? { summary: context } : {}),
    facts: [
      { label: 'Project', value: project },
      { label: 'Status', value: status },
      {
        label: 'Failed phase',
        value: failed ? join([str(failed['phase-type']), str(failed['phase-status'])]) : '',
      },
      { label: 'Started by', value: str(at(info, 'initiator')) ?? '' },
      { label: 'Source version', value: str(at(info, 'source-version')) ?? '' },
      { label: 'Source', value: str(at(info, 'source', 'location')) ?? '' },
    ],
    links,
    resources: [project, ...(buildId ? [buildId] : [])],
    type: `codebuild:${status}`,
  };
}

function deploymentParts(d: unknown, region: string | undefined): Parts {
  const application = str(at(d, 'application')) ?? '(unknown application)';
  const group = str(at(d, 'deploymentGroup'));
  const id = str(at(d, 'deploymentId'));
  const state = str(at(d, 'state')) ?? 'UNKNOWN';
  const ok = state === 'SUCCESS';
  return {
    ok,
    title: `Deployment ${join([application, group], '/')} ${ok ? 'succeeded' : state === 'FAILURE' ? 'failed' : state.toLowerCase()}`,
    facts: [
      { label: 'Application', value: application },
      { label: 'Deployment group', value: group ?? '' },
      { label: 'Deployment', value: id ?? '' },
      { label: 'State', value: state },
    ],
    links: region && id ? [{ text: 'Open deployment', url: deploymentUrl(region, id) }] : [],
    resources: [application, ...(group ? [group] : []), ...(id ? [id] : [])],
    type: `codedeploy:${state}`,
  };
}

function partsOf(event: EventBridgeEvent, region: string | undefined): Parts | undefined {
  const d = event.detail;
  switch (event['detail-type']) {
    case PIPELINE:
      return pipelineParts(d, region, false);
    case ACTION:
      return pipelineParts(d, region, true);
    case BUILD:
      return buildParts(d, region);
    case DEPLOYMENT:
      return deploymentParts(d, region);
    default:
      return undefined;
  }
}

const SOURCES = ['aws.codepipeline', 'aws.codebuild', 'aws.codedeploy'];

/**
 * A CodeStar Notifications message (the console's "Notify" rules, delivered through SNS): the
 * EventBridge event with `detailType` for `detail-type`, plus `additionalAttributes`.
 */
function isCodeStarNotification(message: unknown): boolean {
  const o = obj(message);
  return Boolean(o && SOURCES.includes(str(o.source) ?? '') && str(o.detailType) && obj(o.detail));
}

/** The CodeStar notification as the EventBridge event it carries. */
function fromCodeStar(message: Record<string, unknown>, deliveryId: string | undefined): EventBridgeEvent {
  return {
    version: '0',
    id: deliveryId ?? str(message.notificationRuleArn) ?? 'codestar-notification',
    'detail-type': str(message.detailType) ?? '',
    source: str(message.source) ?? '',
    ...(str(message.account) ? { account: str(message.account) } : {}),
    ...(str(message.time) ? { time: str(message.time) } : {}),
    ...(str(message.region) ? { region: str(message.region) } : {}),
    resources: arr(message.resources),
    detail: message.detail,
  };
}

/** CodeStar's `additionalAttributes.failedActions`: which actions failed the execution. */
function failedActions(message: unknown): string | undefined {
  const lines = arr(at(message, 'additionalAttributes', 'failedActions'))
    .map(obj)
    .map((a) => join([str(a?.action), str(a?.additionalInformation)], ': '))
    .filter(Boolean);
  return lines.length > 0 ? lines.slice(0, 5).join('\n') : undefined;
}

function toAlert(raw: unknown, input: FamilyInput): Alert | null {
  const { config, now, envelope } = input;
  let event = eventOf(raw);
  let failed: string | undefined;
  if (envelope.shape === 'sns') {
    const message = obj(raw);
    if (!message || !isCodeStarNotification(message)) return null;
    event = fromCodeStar(message, envelope.deliveryId);
    // Through SNS no rule filtered it: post what the deployed patterns would have let through.
    if (!selects(deploysFamily, event, input.settings)) return null;
    failed = failedActions(message);
  }
  if (!event || !obj(event.detail)) return null;
  const where = whereOf(config, undefined, str(at(event.detail, 'region')) ?? event.region, event);
  const parts = partsOf(event, where.region);
  if (!parts) return null;
  const time = isoTime(event.time);
  return {
    family: 'deploys',
    severity: parts.ok ? 'low' : 'high',
    ...(parts.ok ? { state: 'OK' as const } : {}),
    emoji: parts.ok ? '✅' : '🚫',
    title: parts.title,
    ...(parts.summary || failed ? { summary: join([parts.summary, failed], '\n') } : {}),
    facts: [
      ...parts.facts,
      { label: 'Account', value: where.account ?? '' },
      { label: 'Region', value: where.region ?? '' },
    ],
    context: [join([formatTime(time, now), event.source]), `event ${event.id}`],
    links: parts.links,
    ...placeOf(where, time),
    fallback: fallbackLine(parts.title, where),
    dedupeKey:
      envelope.shape === 'sns' && envelope.deliveryId ? `id:${envelope.deliveryId}` : `eb:${event.id}`,
    ...(parts.thread && time && !parts.ok
      ? { thread: { key: parts.thread, state: 'ALARM', since: time } }
      : {}),
    route: { source: event.source, findingType: parts.type, resources: parts.resources },
  } satisfies Alert;
}

export const deploysFamily: FamilyDefinition = {
  id: 'deploys',
  name: 'Deploys',
  catches:
    'CodePipeline pipeline and action failures (an execution’s failures share a thread), CodeBuild builds failed, faulted or timed out, CodeDeploy deployments failed, from EventBridge or CodeStar notifications through SNS; successes with `successes: true`',
  defaultMinSeverity: 'low',
  patterns: [
    {
      key: 'pipeline-failed',
      description: 'CodePipeline executions that failed',
      pattern: { source: ['aws.codepipeline'], 'detail-type': [PIPELINE], detail: { state: ['FAILED'] } },
    },
    {
      key: 'action-failed',
      description: 'CodePipeline actions that failed',
      pattern: { source: ['aws.codepipeline'], 'detail-type': [ACTION], detail: { state: ['FAILED'] } },
    },
    {
      key: 'build-failed',
      description: 'CodeBuild builds that failed, faulted or timed out',
      pattern: {
        source: ['aws.codebuild'],
        'detail-type': [BUILD],
        detail: { 'build-status': FAILED_BUILD },
      },
    },
    {
      key: 'deployment-failed',
      description: 'CodeDeploy deployments that failed',
      pattern: { source: ['aws.codedeploy'], 'detail-type': [DEPLOYMENT], detail: { state: ['FAILURE'] } },
    },
    {
      key: 'pipeline-succeeded',
      description: 'CodePipeline executions that succeeded',
      pattern: { source: ['aws.codepipeline'], 'detail-type': [PIPELINE], detail: { state: ['SUCCEEDED'] } },
      optIn: 'successes',
    },
    {
      key: 'build-succeeded',
      description: 'CodeBuild builds that succeeded',
      pattern: {
        source: ['aws.codebuild'],
        'detail-type': [BUILD],
        detail: { 'build-status': ['SUCCEEDED'] },
      },
      optIn: 'successes',
    },
    {
      key: 'deployment-succeeded',
      description: 'CodeDeploy deployments that succeeded',
      pattern: { source: ['aws.codedeploy'], 'detail-type': [DEPLOYMENT], detail: { state: ['SUCCESS'] } },
      optIn: 'successes',
    },
  ],
  matchesSns: (message) => isCodeStarNotification(message),
  toAlert,
};

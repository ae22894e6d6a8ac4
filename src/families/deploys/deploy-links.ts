/** Console pages of pipelines, builds and deployments (partition-aware through `consoleUrl`). */

import { consoleUrl } from '../../alerts/console.js';
import { encodeUriPart } from '../../alerts/well-formed.js';

const e = encodeUriPart;

export const pipelineExecutionUrl = (region: string, pipeline: string, executionId: string) =>
  consoleUrl(region, `codesuite/codepipeline/pipelines/${e(pipeline)}/executions/${e(executionId)}/timeline`);

export const pipelineUrl = (region: string, pipeline: string) =>
  consoleUrl(region, `codesuite/codepipeline/pipelines/${e(pipeline)}/view`);

/** `arn:…:build/project:uuid` → the build's page. */
export const buildUrl = (region: string, project: string, buildArnOrId: string) => {
  const id = buildArnOrId.includes(':build/')
    ? (buildArnOrId.split(':build/')[1] ?? buildArnOrId)
    : buildArnOrId;
  return consoleUrl(region, `codesuite/codebuild/projects/${e(project)}/build/${e(id)}/`);
};

export const deploymentUrl = (region: string, deploymentId: string) =>
  consoleUrl(region, `codesuite/codedeploy/deployments/${e(deploymentId)}`);

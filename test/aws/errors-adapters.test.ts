import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchClient, lambdaErrorMetricsPage } from '../../src/aws/cloudwatch.js';
import { InvokeError, invokeAsync } from '../../src/aws/invoke.js';

const cw = mockClient(CloudWatchClient);
const lambda = mockClient(LambdaClient);

beforeEach(() => {
  cw.reset();
  lambda.reset();
});

afterAll(() => {
  cw.restore();
  lambda.restore();
});

describe('lambdaErrorMetricsPage', () => {
  it('labels each series by function name and drops series whose dynamic label was not resolved', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'errors', Label: 'checkout-api', Values: [1, 2] },
        { Id: 'errors', Label: ['$', "{PROP('Dim.FunctionName')}"].join(''), Values: [5] },
        { Id: 'errors', Label: '', Values: [5] },
      ],
      NextToken: 'next',
    });
    const page = await lambdaErrorMetricsPage(cloudWatchClient({ region: 'eu-west-1' }), {
      start: new Date(0),
      end: new Date(3_600_000),
      periodSeconds: 3600,
    });
    expect(page).toEqual({ series: [{ functionName: 'checkout-api', values: [1, 2] }], nextToken: 'next' });
  });

  it('creates one client per region and profile', () => {
    expect(cloudWatchClient({ region: 'eu-west-1' })).toBe(cloudWatchClient({ region: 'eu-west-1' }));
    expect(cloudWatchClient({ region: 'eu-west-1' })).not.toBe(
      cloudWatchClient({ region: 'eu-west-1', profile: 'p' }),
    );
  });
});

describe('invokeAsync', () => {
  it('queues the payload with InvocationType Event', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await invokeAsync('cloudbell-errors-worker', { kind: 'command' });
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'cloudbell-errors-worker', InvocationType: 'Event' });
    expect(JSON.parse(Buffer.from(input?.Payload as Uint8Array).toString())).toEqual({ kind: 'command' });
  });

  it('fails with InvokeError when Lambda does not accept the event', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });
    await expect(invokeAsync('w', {})).rejects.toBeInstanceOf(InvokeError);
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('x'), { name: 'ResourceNotFoundException' }));
    await expect(invokeAsync('w', {})).rejects.toThrow('cannot invoke w: ResourceNotFoundException');
  });
});

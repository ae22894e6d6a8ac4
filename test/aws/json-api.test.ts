import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError, AwsJsonClient, endpointFor } from '../../src/aws/json-api.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const client = (extra: Record<string, unknown> = {}) =>
  new AwsJsonClient({
    service: 'dynamodb',
    targetPrefix: 'DynamoDB_20120810',
    jsonVersion: '1.0',
    endpointEnvId: 'DYNAMODB',
    region: 'eu-west-1',
    credentials,
    ...extra,
  });
const DDB = 'https://dynamodb.eu-west-1.amazonaws.com';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('AwsJsonClient', () => {
  it('posts the operation as a signed JSON request and returns the answer', async () => {
    const scope = nock(DDB)
      .matchHeader('x-amz-target', 'DynamoDB_20120810.GetItem')
      .matchHeader('content-type', 'application/x-amz-json-1.0')
      .matchHeader(
        'authorization',
        /SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
      )
      .post('/', { TableName: 't', Key: { pk: { S: 'a' } } })
      .reply(200, { Item: { pk: { S: 'a' } } });
    expect(await client().call('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } })).toEqual({
      Item: { pk: { S: 'a' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('names errors by their AWS code and does not retry a conditional-check failure', async () => {
    const scope = nock(DDB).post('/').once().reply(400, {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
    const error = await client()
      .call('PutItem', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({
      name: 'ConditionalCheckFailedException',
      statusCode: 400,
      retryable: false,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('retries throttling and 5xx, then succeeds', async () => {
    const scope = nock(DDB)
      .post('/')
      .reply(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException' })
      .post('/')
      .reply(503, 'Service Unavailable')
      .post('/')
      .reply(200, {});
    expect(await client().call('PutItem', {})).toEqual({});
    expect(scope.isDone()).toBe(true);
  });

  it('gives up after maxAttempts', async () => {
    nock(DDB).post('/').times(2).reply(500, { __type: 'InternalServerError', message: 'boom' });
    await expect(client({ maxAttempts: 2 }).call('PutItem', {})).rejects.toMatchObject({
      name: 'InternalServerError',
      retryable: true,
    });
  });

  it('fails clearly without credentials in the environment', async () => {
    const c = new AwsJsonClient({
      service: 'dynamodb',
      targetPrefix: 'DynamoDB_20120810',
      jsonVersion: '1.0',
      endpointEnvId: 'DYNAMODB',
      env: { AWS_REGION: 'eu-west-1' },
    });
    await expect(c.call('GetItem', {})).rejects.toThrow(/no AWS credentials in the environment/);
  });
});

describe('endpointFor', () => {
  it('is regional and partition-aware, and honours the SDK overrides', () => {
    expect(endpointFor('dynamodb', 'eu-west-1', 'DYNAMODB', {})).toBe(
      'https://dynamodb.eu-west-1.amazonaws.com',
    );
    expect(endpointFor('dynamodb', 'cn-north-1', 'DYNAMODB', {})).toBe(
      'https://dynamodb.cn-north-1.amazonaws.com.cn',
    );
    expect(endpointFor('dynamodb', 'us-gov-west-1', 'DYNAMODB', {})).toBe(
      'https://dynamodb.us-gov-west-1.amazonaws.com',
    );
    expect(
      endpointFor('dynamodb', 'eu-west-1', 'DYNAMODB', {
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567',
      }),
    ).toBe('http://127.0.0.1:4567');
    expect(endpointFor('ssm', 'eu-west-1', 'SSM', { AWS_ENDPOINT_URL: 'http://localhost:4566' })).toBe(
      'http://localhost:4566',
    );
  });
});

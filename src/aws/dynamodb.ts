/**
 * The DynamoDB client, created once per execution environment. The SDK reads the region from
 * `AWS_REGION` and honours `AWS_ENDPOINT_URL_DYNAMODB` (tests point it at dynalite).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let client: DynamoDBClient | undefined;

/**
 * @example
 * ```ts
 * await dynamoDb().send(new GetItemCommand({ TableName, Key }));
 * ```
 */
export function dynamoDb(): DynamoDBClient {
  // Bounded retries: the notify Lambda has its own deadline.
  client ??= new DynamoDBClient({ maxAttempts: 3 });
  return client;
}

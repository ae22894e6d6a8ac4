/**
 * The state table as the button actions use it, through the AWS SDK v3 document client: the
 * client (short, bounded retries: these calls run inside Slack's 3-second window), the error
 * wrapping every call shares, and the three shapes of call the action items need — a
 * conditional put, a conditional delete and a consistent read of one partition. The items
 * themselves are laid out in action-items.ts; what each concern writes is in its own file
 * (action-claims.ts, action-acks.ts, action-snoozes.ts, action-reminders.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PlainItem } from './action-items.js';
import { isConditionFailed, StateError } from './table-errors.js';

export interface ActionStoreOptions {
  readonly tableName: string;
  /** A document client; by default one for `AWS_REGION` (and `AWS_ENDPOINT_URL_DYNAMODB`). */
  readonly client?: DynamoDBDocumentClient;
  /** How long acknowledgements are kept (default 30 days, like the alarm threads). */
  readonly keepDays?: number;
}

/** A condition and the names and values it uses. */
export interface Condition {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * @example
 * ```ts
 * const table = new ActionTable({ tableName: 'cloudbell-state' });
 * const items = await table.partition('read thread actions', 'act#C0ALERTS#1764151320.000100');
 * ```
 */
export class ActionTable {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
  /** How long acknowledgements and snoozes are kept past their end. */
  readonly keepMs: number;

  constructor(options: ActionStoreOptions) {
    this.name = options.tableName;
    this.keepMs = (options.keepDays ?? 30) * 86_400_000;
    // Bounded retries: these calls run inside Slack's 3-second window.
    this.doc =
      options.client ??
      DynamoDBDocumentClient.from(
        new DynamoDBClient({
          maxAttempts: 2,
          requestHandler: { requestTimeout: 1_000, connectionTimeout: 500 },
        }),
        {
          marshallOptions: { removeUndefinedValues: true },
        },
      );
  }

  /** Runs one call; any failure but a failed condition becomes a StateError naming `what`. */
  async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      if (isConditionFailed(cause)) throw cause;
      throw new StateError(`${what} on table ${this.name} failed: ${(cause as Error).name}`, { cause });
    }
  }

  /** Runs a conditional write; false when its condition did not hold. */
  async conditional(what: string, run: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(what, run);
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** Puts `item` if `condition` holds; false when it did not. */
  putIf(what: string, item: PlainItem, condition: Condition): Promise<boolean> {
    return this.conditional(what, () =>
      this.doc.send(new PutCommand({ TableName: this.name, Item: item, ...condition })),
    );
  }

  /** Deletes the item at `key` if `condition` holds; false when it did not. */
  deleteIf(what: string, key: PlainItem, condition: Condition): Promise<boolean> {
    return this.conditional(what, () =>
      this.doc.send(new DeleteCommand({ TableName: this.name, Key: key, ...condition })),
    );
  }

  /** Every item of one partition, read consistently (a press just wrote it). */
  async partition(what: string, pk: string): Promise<PlainItem[]> {
    const { Items = [] } = await this.call(what, () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
        }),
      ),
    );
    return Items;
  }
}

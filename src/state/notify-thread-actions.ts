/**
 * notify's view of the action items (acknowledgement and snooze of a thread, the first
 * escalation reminder) over the DynamoDB client notify already bundles for the rest of its state
 * (src/aws/dynamodb.ts, SDK v3). Reads and writes exactly the items action-store.ts does (both
 * use action-items.ts); the SDK's own `util-dynamodb` converts them, as `lib-dynamodb` does for
 * action-store.ts. Every call carries a deadline (`abortSignal`, which also stops the SDK's
 * retries), so a table that never answers costs the alert at most `callTimeoutMs`.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RuleActions, RuleKey, ThreadActions, ThreadId } from '../actions/state.js';
import type { ActionStorePort } from '../actions/store-port.js';
import type { DynamoCaller } from '../aws/dynamodb.js';
import {
  actionPk,
  parseRuleActions,
  parseThreadActions,
  type Reminder,
  reminderItem,
  rulePk,
} from './action-items.js';
import { StateError } from './table-errors.js';

export interface NotifyThreadActionsOptions {
  /** The most one call (its SDK retries included) may take; as notify's table guard allows per call. */
  readonly callTimeoutMs?: number;
}

const CALL_TIMEOUT_MS = 3_000;

/**
 * @example
 * ```ts
 * const port = threadActionsPort(notifyThreadActions(dynamoDb(), tableName), config.escalation);
 * ```
 */
export function notifyThreadActions(
  client: DynamoCaller,
  tableName: string,
  options: NotifyThreadActionsOptions = {},
): Pick<ActionStorePort, 'get' | 'putReminder' | 'ruleStatus'> {
  const timeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const wrap = async <T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
    try {
      return await run(AbortSignal.timeout(timeoutMs));
    } catch (cause) {
      throw new StateError(`${what} on table ${tableName} failed: ${(cause as Error).name}`, { cause });
    }
  };
  const query = async (what: string, pk: string) => {
    const { Items = [] } = await wrap(what, (abortSignal) =>
      client.call(
        'Query',
        {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ConsistentRead: true,
        },
        { abortSignal },
      ),
    );
    return Items.map((item) => unmarshall(item));
  };
  return {
    async get(thread: ThreadId): Promise<ThreadActions> {
      return parseThreadActions(await query('read thread actions', actionPk(thread)));
    },
    async ruleStatus(key: RuleKey, now: number): Promise<RuleActions> {
      return parseRuleActions(await query('read rule actions', rulePk(key)), now);
    },
    async putReminder(reminder: Reminder): Promise<void> {
      await wrap('schedule reminder', (abortSignal) =>
        client.call(
          'PutItem',
          { TableName: tableName, Item: marshall(reminderItem(reminder), { removeUndefinedValues: true }) },
          { abortSignal },
        ),
      );
    },
  };
}

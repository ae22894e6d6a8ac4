/**
 * notify's view of the action items (acknowledgement and snooze of a thread, the first
 * escalation reminder) over the same signed DynamoDB caller as the rest of its state, so the
 * notify bundle keeps loading no SDK client. Reads and writes exactly the items
 * action-store.ts does (both use action-items.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ActionStorePort } from '../actions/port.js';
import type { RuleActions, RuleKey, ThreadActions, ThreadId } from '../actions/state.js';
import type { DynamoCaller } from '../aws/dynamodb.js';
import {
  actionPk,
  type PlainItem,
  parseRuleActions,
  parseThreadActions,
  type Reminder,
  reminderItem,
  rulePk,
} from './action-items.js';
import { StateError } from './errors.js';

/** Strings and numbers, the only types action items hold. */
function toAttributes(item: PlainItem): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item)) {
    if (typeof v === 'string') out[k] = { S: v };
    else if (typeof v === 'number') out[k] = { N: String(v) };
  }
  return out;
}

function fromAttributes(item: Record<string, AttributeValue>): PlainItem {
  const out: PlainItem = {};
  for (const [k, v] of Object.entries(item)) {
    if (v.S !== undefined) out[k] = v.S;
    else if (v.N !== undefined) out[k] = Number(v.N);
  }
  return out;
}

/**
 * @example
 * ```ts
 * const port = threadActionsPort(signedThreadActions(dynamoDb(), tableName), config.escalation);
 * ```
 */
export function signedThreadActions(
  client: DynamoCaller,
  tableName: string,
): Pick<ActionStorePort, 'get' | 'putReminder' | 'ruleStatus'> {
  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      throw new StateError(`${what} on table ${tableName} failed: ${(cause as Error).name}`, { cause });
    }
  };
  return {
    async get(thread: ThreadId): Promise<ThreadActions> {
      const { Items = [] } = await wrap('read thread actions', () =>
        client.call('Query', {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: actionPk(thread) } },
          ConsistentRead: true,
        }),
      );
      return parseThreadActions(Items.map(fromAttributes));
    },
    async ruleStatus(key: RuleKey, now: number): Promise<RuleActions> {
      const { Items = [] } = await wrap('read rule actions', () =>
        client.call('Query', {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: rulePk(key) } },
          ConsistentRead: true,
        }),
      );
      return parseRuleActions(Items.map(fromAttributes), now);
    },
    async putReminder(reminder: Reminder): Promise<void> {
      await wrap('schedule reminder', () =>
        client.call('PutItem', { TableName: tableName, Item: toAttributes(reminderItem(reminder)) }),
      );
    },
  };
}

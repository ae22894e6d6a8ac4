/**
 * The delivery state on cloudbell's DynamoDB table (`CLOUDBELL_TABLE`), as the one object the
 * notify handler hands to delivery: the claim, thread, digest and storm-window tables
 * (`claim-table.ts`, `thread-table.ts`, `digest-table.ts`, `storm-table.ts`) and the shared
 * post slots (`post-slots.ts`), all through one table caller (`table-caller.ts`) under the
 * invocation's guard. The item layout is in `keys.ts`.
 */
import type { DynamoCaller } from '../aws/dynamodb.js';
import type {
  ClaimStore,
  DeliveryStore,
  DigestStore,
  StormWindowStore,
  ThreadStore,
} from '../delivery/store.js';
import { ClaimTable } from './claim-table.js';
import { DigestTable } from './digest-table.js';
import { reservePostSlot } from './post-slots.js';
import { StormTable } from './storm-table.js';
import { TableCaller } from './table-caller.js';
import { isConditionFailed } from './table-errors.js';
import type { TableGuard } from './table-guard.js';
import { ThreadTable } from './thread-table.js';

export interface DynamoStoreOptions {
  readonly client: DynamoCaller;
  readonly tableName: string;
  /** How long a done delivery is remembered (config `dedupe.ttlHours`). */
  readonly dedupeTtlHours: number;
  /** How long an alarm's thread is remembered after its last change. */
  readonly threadTtlDays?: number;
  /** The invocation's table budget; without one, calls run with the SDK client's own timeouts. */
  readonly guard?: TableGuard;
}

/**
 * @example
 * ```ts
 * const store = new DynamoStore({ client: dynamoDb(), tableName: process.env.CLOUDBELL_TABLE, dedupeTtlHours: 24 });
 * await store.withGuard(guard).claim({ key: 'eb:1234', channel: '#aws-alerts' }, token, leaseUntil, Date.now());
 * ```
 */
export class DynamoStore implements DeliveryStore {
  private readonly table: TableCaller;
  private readonly claims: ClaimStore;
  private readonly threads: ThreadStore;
  private readonly digests: DigestStore;
  private readonly storms: StormWindowStore;

  constructor(private readonly options: DynamoStoreOptions) {
    const threadTtlDays = options.threadTtlDays ?? 30;
    this.table = new TableCaller(options.client, options.tableName, options.guard);
    this.claims = new ClaimTable(this.table, options.dedupeTtlHours);
    this.threads = new ThreadTable(this.table, threadTtlDays);
    this.digests = new DigestTable(this.table, threadTtlDays);
    this.storms = new StormTable(this.table);
  }

  /** The same store under one invocation's table budget. */
  withGuard(guard: TableGuard): DynamoStore {
    return new DynamoStore({ ...this.options, guard });
  }

  claim(...args: Parameters<ClaimStore['claim']>) {
    return this.claims.claim(...args);
  }
  markDone(...args: Parameters<ClaimStore['markDone']>) {
    return this.claims.markDone(...args);
  }
  release(...args: Parameters<ClaimStore['release']>) {
    return this.claims.release(...args);
  }

  getThread(...args: Parameters<ThreadStore['getThread']>) {
    return this.threads.getThread(...args);
  }
  putThread(...args: Parameters<ThreadStore['putThread']>) {
    return this.threads.putThread(...args);
  }
  threadsOf(...args: Parameters<ThreadStore['threadsOf']>) {
    return this.threads.threadsOf(...args);
  }
  getThreads(...args: Parameters<ThreadStore['getThreads']>) {
    return this.threads.getThreads(...args);
  }
  putThreads(...args: Parameters<ThreadStore['putThreads']>) {
    return this.threads.putThreads(...args);
  }

  getOpenDigest(...args: Parameters<DigestStore['getOpenDigest']>) {
    return this.digests.getOpenDigest(...args);
  }
  getDigest(...args: Parameters<DigestStore['getDigest']>) {
    return this.digests.getDigest(...args);
  }
  putOpenDigest(...args: Parameters<DigestStore['putOpenDigest']>) {
    return this.digests.putOpenDigest(...args);
  }

  countInWindow(...args: Parameters<StormWindowStore['countInWindow']>) {
    return this.storms.countInWindow(...args);
  }

  /** The channel's next post slot, shared with the evidence worker (`post-slots.ts`). */
  reserveSlot(channel: string, earliest: number, intervalMs: number): Promise<number> {
    const table = this.table;
    return reservePostSlot(
      {
        readNext: async (Key) => (await table.get('read post slot', Key))?.nextAt?.N,
        put: async (input) => {
          await table.call('reserve post slot', 'PutItem', { TableName: table.name, ...input });
        },
        isConditionFailure: isConditionFailed,
      },
      channel,
      earliest,
      intervalMs,
    );
  }
}

/**
 * What the collaborators of one delivery run share: the options, the runtime, and the run's
 * own bookkeeping (claims, thread records, the ledger of what did not go out).
 */
import type { Config } from '../core/config.js';
import type { AlertRenderer } from './alert-renderer.js';
import type { Claims } from './claims.js';
import type { DeliveryLedger } from './delivery-ledger.js';
import type { DeliveryRuntime } from './runtime.js';
import type { DigestStore, StormWindowStore, ThreadStore } from './store.js';
import type { ThreadActionsPort } from './thread-actions.js';
import type { ThreadRecords } from './thread-records.js';

export interface RunContext {
  readonly config: Pick<Config, 'slack' | 'storm' | 'evidence'>;
  readonly store: StormWindowStore & DigestStore & Pick<ThreadStore, 'putThreads'>;
  readonly rt: DeliveryRuntime;
  /** Unique per invocation: marks this invocation's claims and storm counts. */
  readonly token: string;
  readonly render: AlertRenderer;
  readonly actions?: ThreadActionsPort;
  readonly claims: Claims;
  readonly threads: ThreadRecords;
  readonly ledger: DeliveryLedger;
}

/**
 * A real TCP/HTTP front for a local table (dynalite) that misbehaves on request, the way a
 * table or the network to it fails: refusing connections, black-holing (accepting connections
 * and never answering), answering slowly, or applying a request and losing its answer (the
 * connection resets after DynamoDB did the work, so the SDK's retry repeats a write that
 * already happened).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type TableFault =
  | { readonly kind: 'none' }
  /** Accept the connection, read the request, never answer. */
  | { readonly kind: 'blackhole' }
  /** Answer after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Forward the request, then reset the connection instead of answering (`count` times). */
  | { readonly kind: 'lose-answer'; readonly operation: string; count: number };

export interface FaultyTable {
  /** The endpoint to give the SDK. */
  readonly endpoint: string;
  fault: TableFault;
  /** Requests seen, by DynamoDB operation. */
  readonly operations: string[];
  close(): Promise<void>;
}

/**
 * @example
 * ```ts
 * const front = await startFaultyTable(table.endpoint, { kind: 'blackhole' });
 * const client = createDynamoCaller({ endpoint: front.endpoint, region: 'eu-west-1', credentials });
 * ```
 */
export async function startFaultyTable(target: string, fault: TableFault): Promise<FaultyTable> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const operations: string[] = [];
  const state: { fault: TableFault } = { fault };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      operations.push(operation);
      const f = state.fault;
      if (f.kind === 'blackhole') return;
      const forward = (onAnswer: (status: number, headers: Record<string, string>, body: Buffer) => void) => {
        const out = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () =>
              onAnswer(
                answer.statusCode ?? 500,
                answer.headers as Record<string, string>,
                Buffer.concat(body),
              ),
            );
          },
        );
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (f.kind === 'lose-answer' && f.operation === operation && f.count > 0) {
        f.count -= 1;
        forward(() => req.socket.destroy());
        return;
      }
      const delay = f.kind === 'slow' ? f.delayMs : 0;
      forward((status, headers, body) => {
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(status, headers);
          res.end(body);
        }, delay);
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(next: TableFault) {
      state.fault = next;
    },
    operations,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An endpoint on which nothing listens: connections are refused. */
export async function refusingEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * One SDK client per region, profile and settings, created on first use and kept for the life
 * of the process: a client holds its connection pool and credentials, so building one per call
 * would redo the TLS handshake and the credential chain every time. The factory may return a
 * promise (a client whose SDK package is imported lazily): the promise is what is kept.
 */
/**
 * A getter that creates a client once per id and returns the same one afterwards.
 *
 * @example
 * ```ts
 * const logsClient = regionalClients(keyOf, (key: ClientKey) => new CloudWatchLogsClient(clientConfig(key)));
 * logsClient({ region: 'eu-west-1' }) === logsClient({ region: 'eu-west-1' }); // true
 * // A lazily imported SDK: the promise is cached, so the import and the construction happen once.
 * const lazy = regionalClients(keyOf, (key: ClientKey) =>
 *   import('@aws-sdk/client-cloudwatch').then(({ CloudWatchClient }) => new CloudWatchClient(clientConfig(key))),
 * );
 * ```
 */
export function regionalClients<K, C>(idOf: (key: K) => string, create: (key: K) => C): (key: K) => C {
  const clients = new Map<string, C>();
  return (key) => {
    const id = idOf(key);
    if (clients.has(id)) return clients.get(id) as C;
    const client = create(key);
    clients.set(id, client);
    return client;
  };
}

// The embedded PostgreSQL (PGlite) in its own process, served over the PostgreSQL wire protocol on a
// Unix socket. PGlite runs queries on its process's main thread: hosting it here keeps a long query from
// freezing the HTTP server, which reaches it through node-postgres exactly as it reaches a real server.
// Plain JavaScript so that it starts with bare `node`, whatever loader the parent runs under.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, socketPath] = process.argv.slice(2);
if (!dataDir || !socketPath) {
  console.error('usage: pglite-host.mjs <dataDir|memory://> <socketPath>');
  process.exit(2);
}

let db;
let server;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  try {
    if (server) await server.stop();
    if (db && !db.closed) {
      // A checkpoint makes the next start skip WAL replay and leaves the data directory clean.
      await db.exec('CHECKPOINT');
      await db.close();
    }
  } catch (error) {
    console.error('[pglite-host] shutdown error', error);
    code = code || 1;
  }
  process.exit(code);
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
// The parent went away (crashed or was killed): do not outlive it.
process.on('disconnect', () => void shutdown(0));
process.on('message', (message) => {
  if (message && message.type === 'shutdown') void shutdown(0);
});

try {
  db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
  // The socket server interleaves the extended-protocol messages of different connections outside a
  // transaction, so the app keeps a single connection (docs/adr/0002); the spare slot covers a reconnect.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  process.send?.({ type: 'ready' });
} catch (error) {
  console.error('[pglite-host] could not start:', error instanceof Error ? error.message : error);
  process.send?.({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

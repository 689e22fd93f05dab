/**
 * @module server/main
 * `npm start`: builds the assistant with its embedded defaults and serves HTTP on PORT (3978). Also what each
 * worker of `lawline serve --workers N` runs.
 */
import cluster from 'node:cluster';
import { createLawline } from '../assistant/lawline.js';
import { attachDirectLineSockets } from '../channels/directline/index.js';
import { closeApp, createApp, drainApp } from './app.js';

async function main(): Promise<void> {
  const lawline = createLawline();
  const app = await createApp(lawline);
  const server = app.listen(lawline.config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : lawline.config.PORT;
    lawline.log.info('lawline listening', { port, url: `http://localhost:${port}`, pid: process.pid });
  });
  const closeSockets = attachDirectLineSockets(server, app);

  // SIGTERM/SIGINT drain: no new connections or requests, the turns in flight finish and are written (at most
  // LAWLINE_SHUTDOWN_GRACE_MS), then streams and sockets close and the databases are closed before exit 0.
  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) {
      lawline.log.warn('second stop signal: exiting without draining', { signal });
      process.exit(1);
    }
    stopping = true;
    const graceMs = lawline.config.LAWLINE_SHUTDOWN_GRACE_MS;
    lawline.log.info('shutting down: draining turns in flight', { signal, graceMs });
    // Closing must not hang the stop: past the grace period and a margin for closing, exit anyway (as a failure).
    setTimeout(() => {
      lawline.log.error('shutdown did not finish in time', { graceMs });
      process.exit(1);
    }, graceMs + 10_000).unref();
    server.close(); // stop accepting connections; idle keep-alive ones close now, busy ones after their response
    const { drained, abandoned } = await drainApp(app, graceMs);
    if (!drained) lawline.log.warn('grace period over: stopping with work still running', { abandoned });
    closeSockets();
    server.closeAllConnections(); // event streams and keep-alive connections left over
    try {
      await closeApp(app);
      lawline.close();
    } catch (error) {
      lawline.log.error('closing failed', { error });
      process.exit(1);
    }
    lawline.log.info('stopped', { signal, drained });
    process.exit(0);
  }
  // A worker of `lawline serve` leaves Ctrl-C (SIGINT to the whole process group) to its primary, which sends each
  // worker one SIGTERM: otherwise the second signal would cut the drain short.
  process.on('SIGINT', () => (cluster.isWorker ? undefined : void shutdown('SIGINT')));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`lawline: ${(error as Error).message}\n`);
  process.exit(1);
});

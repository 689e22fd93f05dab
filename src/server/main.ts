/**
 * @module server/main
 * `npm start`: builds the assistant with its embedded defaults and serves HTTP on PORT (3978). Also what each
 * worker of `lawline serve --workers N` runs.
 */
import { createLawline } from '../assistant/lawline.js';
import { attachDirectLineSockets } from '../channels/directline/index.js';
import { closeApp, createApp } from './app.js';

async function main(): Promise<void> {
  const lawline = createLawline();
  const app = await createApp(lawline);
  const server = app.listen(lawline.config.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : lawline.config.PORT;
    lawline.log.info('lawline listening', { port, url: `http://localhost:${port}`, pid: process.pid });
  });
  const closeSockets = attachDirectLineSockets(server, app);

  function shutdown(signal: string) {
    lawline.log.info('shutting down', { signal });
    closeSockets();
    server.close(() => {
      void closeApp(app).finally(() => {
        lawline.close();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 3000).unref();
  }
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`lawline: ${(error as Error).message}\n`);
  process.exit(1);
});

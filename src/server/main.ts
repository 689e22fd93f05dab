/**
 * @module server/main
 * `npm start`: builds the assistant with its embedded defaults and serves HTTP on PORT (3978).
 */
import { createLawline } from '../assistant/lawline.js';
import { attachDirectLineSockets } from '../channels/directline/index.js';
import { createApp } from './app.js';

const lawline = createLawline();
const app = createApp(lawline);
const server = app.listen(lawline.config.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : lawline.config.PORT;
  lawline.log.info('lawline listening', { port, url: `http://localhost:${port}` });
});
attachDirectLineSockets(server, app);

function shutdown(signal: string) {
  lawline.log.info('shutting down', { signal });
  server.close(() => {
    lawline.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

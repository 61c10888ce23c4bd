/** `npm start`: serves the playground on 127.0.0.1 (PORT, default 8787) until stopped. */
import { startPlayground } from './server';

const port = process.env.PORT === undefined ? 8787 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535); it is "${process.env.PORT}".`);
  process.exit(1);
}
startPlayground({ port, fresh: process.argv.includes('--fresh') }).then(
  (pg) => {
    console.log('  Stop with Ctrl+C. Start over with the Reset button or `npm start -- --fresh`.');
    const stop = (): void => {
      void pg.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e: unknown) => {
    console.error(`The playground did not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

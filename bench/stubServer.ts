/** The stub Bot Connector for bench/turn.ts, in its own process so its answers are never late. Prints {"url"}. */
import { startConnectorStub } from '../test/helpers/connectorStub.js';

const stub = await startConnectorStub();
// Keep no history: a long bench would otherwise grow the stub's memory for nothing.
setInterval(() => stub.calls.splice(0), 1000).unref();
process.stdout.write(`${JSON.stringify({ url: stub.url })}\n`);
process.once('SIGTERM', () => void stub.close().then(() => process.exit(0)));

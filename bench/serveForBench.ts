import type { AddressInfo } from 'node:net';
import type restify from 'restify';

/**
 * How a bench server talks to bench/load.ts and bench/coldstart.ts: it prints {"port"} once listening on a free
 * loopback port, and on SIGTERM stops, cleans up, prints {"maxRssMb", "cpuMs"} (its peak RSS, and the CPU it spent
 * from listening on, which bench/load.ts divides by the requests answered) and exits.
 */
export function serveForBench(server: restify.Server, cleanUp: () => void = () => undefined): void {
  let cpuAtReady = process.cpuUsage();
  server.listen(0, '127.0.0.1', () => {
    cpuAtReady = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    const cpu = process.cpuUsage(cpuAtReady);
    process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
    try {
      cleanUp();
    } catch {
      // a temp folder still being written by a turn under way; the OS temp cleaner takes it
    }
    process.exit(0);
  });
}

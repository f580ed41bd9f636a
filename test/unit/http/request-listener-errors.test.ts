import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRequestListener } from '../../../src/http/server.js';
import type { Logger } from '../../../src/core/ports.js';

// What a failing /metrics or /healthz says goes to the operator (the log line, the health body):
// a Prisma error in one line, its reason and code, not its call site over several lines.
const prismaError = () =>
  Object.assign(new Error("\nInvalid `prisma.run.findFirst()` invocation in\n/app/dist/store/runs.js:41:7\n\n→ 41 await prisma.run.findFirst(\nCan't reach database server at `db:5432`"), { code: 'P1001' });
const said = "database error: Can't reach database server at `db:5432` (P1001)";

describe('the HTTP listener says a failing handler as describeError does', () => {
  it('in the log line of a failed /metrics and in the body of a failed /healthz', async () => {
    const errors: object[] = [];
    const log = (obj: object | string) => void (typeof obj === 'object' && errors.push(obj));
    const logger: Logger = { info: () => undefined, warn: () => undefined, debug: () => undefined, error: log };
    const listener = createRequestListener({ logger, metrics: async () => { throw prismaError(); }, health: async () => { throw prismaError(); } });
    const server = createServer(listener);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/metrics`)).status).toBe(500);
      expect(errors).toEqual([{ err: said, path: '/metrics' }]);
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'down', checks: { error: said } });
    } finally {
      server.close();
    }
  });
});

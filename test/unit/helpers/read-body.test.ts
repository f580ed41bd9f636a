/** The test servers read a request body one way (http-server.ts), whole before decoding it. */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { readBody, sendText, startHttpServer } from '../../helpers/http-server.js';

const server = await startHttpServer(async (req, res) => sendText(res, 200, await readBody(req), 'text/plain; charset=utf-8'));
afterAll(() => server.close());

describe('readBody', () => {
  it('keeps a character whose bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('Gödel', 'utf8');
    // "ö" is two bytes: the first chunk ends between them.
    const cut = bytes.indexOf(0xc3) + 1;
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/echo`, { method: 'POST', headers: { 'content-length': String(bytes.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
      req.on('error', reject);
      req.flushHeaders();
      req.write(bytes.subarray(0, cut));
      setTimeout(() => req.end(bytes.subarray(cut)), 50);
    });
    expect(echoed).toBe('Gödel');
  });
});

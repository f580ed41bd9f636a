/** The service's HTTP server says which port it could not have and what to do, not "listen EADDRINUSE: :::3000". */
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';

describe('the HTTP port', () => {
  it('taken by another program is named, with the setting that moves it', async () => {
    const first = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger() });
    try {
      await expect(startHttpServer({ port: first.port, host: '127.0.0.1', logger: silentLogger() })).rejects.toThrow(
        `http: 127.0.0.1 port ${first.port} is already in use (another paperboy, or another program); stop it or set PORT to a free one`,
      );
    } finally {
      await first.close();
    }
  });
});

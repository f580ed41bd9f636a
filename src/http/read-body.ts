/** A request body read with a size limit, for the signed webhook endpoints. */
import type { IncomingMessage } from 'node:http';

/** Read at most `limit` bytes; past it, keep draining (so the client reads our 413) and return null. */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else {
        // Past the limit: answer now (a promise settles once), keep nothing, read the rest unkept.
        chunks.length = 0;
        resolve(null);
      }
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

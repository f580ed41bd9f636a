/** gzip's magic bytes: how a body or a file is known to be gzipped whatever its name or label says. */
export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

import { Writable } from 'node:stream';

/** A writable that keeps everything written to it, for asserting on CLI stdout/stderr. */
export function textSink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

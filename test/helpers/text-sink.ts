import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/core/ports.js';

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

/** A text sink that says it is (or is not) a terminal: progress is drawn only on one. */
export function ttySink(isTTY: boolean): Writable & { text: string; isTTY: boolean } {
  return Object.assign(textSink(), { isTTY });
}

/** A logger that keeps each line's message (or its text, when logged as a string). */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (obj: object | string, msg?: string) => void lines.push(typeof obj === 'string' ? obj : (msg ?? ''));
  return { lines, info: log, warn: log, error: log, debug: log };
}

/** A real pino logger at debug whose JSON lines are kept parsed (level as pino numbers it: 30 info, 40 warn). */
export function pinoLines() {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

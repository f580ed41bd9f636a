import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingLogger, ttySink } from '../helpers/text-sink.js';
import { runIngest } from '../../jobs/ingest.js';
import { createProgressReporter } from '../../src/cli/progress.js';
import { createFileSource } from '../../src/sources/file.js';
import { createMemoryStores } from '../helpers/memory-stores.js';

describe('ingest progress reporting', () => {
  it('draws a bar for a backfill on a terminal, counting failures (the command prints each once after the run)', () => {
    const stream = ttySink(true);
    const logger = recordingLogger();
    const p = createProgressReporter({ stream, logger }, 3);
    p.start(3, 'hf', '2026-11-25..2026-11-27');
    p.unitDone('2026-11-25', { kind: 'ok', created: 5, updated: 1, unchanged: 0, skipped: 0 });
    p.unitDone('2026-11-26', { kind: 'failed', error: 'HTTP 503' });
    p.unitDone('2026-11-27', { kind: 'ok', created: 2, updated: 0, unchanged: 0, skipped: 0 });
    p.stop();
    expect(stream.text).toContain('3/3 units');
    expect(stream.text).toContain('7 new, 1 updated, 1 failed');
    expect(logger.lines).toEqual([]);
  });

  it('groups the bar\'s running totals as the summary line does (12,200 new, not 12200)', () => {
    const stream = ttySink(true);
    const p = createProgressReporter({ stream, logger: recordingLogger() }, 2);
    p.start(2, 'hf', '2026-11-26..2026-11-27');
    p.unitDone('2026-11-26', { kind: 'ok', created: 6100, updated: 1500, unchanged: 0, skipped: 0 });
    p.unitDone('2026-11-27', { kind: 'ok', created: 6100, updated: 0, unchanged: 0, skipped: 0 });
    p.stop();
    expect(stream.text).toContain('12,200 new, 1,500 updated, 0 failed');
    expect(stream.text).not.toContain('12200');
  });

  it('writes plain log lines when not on a terminal', () => {
    const stream = ttySink(false);
    const logger = recordingLogger();
    const p = createProgressReporter({ stream, logger }, 2);
    p.start(2, 'hf', '2026-11-26..2026-11-27');
    p.unitDone('2026-11-26', { kind: 'ok', created: 5, updated: 0, unchanged: 1, skipped: 0 });
    p.unitDone('2026-11-27', { kind: 'failed', error: 'timed out' });
    p.stop();
    expect(stream.text).toBe('');
    expect(logger.lines).toEqual(['ingest started', '[1/2] 2026-11-26: 5 new, 0 updated, 1 unchanged', '[2/2] 2026-11-27: failed: timed out']);
  });

  it('counts the papers written so far of one big file on a terminal, then clears the count for the unit\'s line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-progress-'));
    const file = join(dir, 'papers.jsonl');
    writeFileSync(file, Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: `2601.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: 'Words.' })).join('\n'));
    const stream = ttySink(true);
    const logger = recordingLogger();
    const progress = createProgressReporter({ stream, logger }, 1);
    const summary = await runIngest({ stores: createMemoryStores(), source: createFileSource(), logger, progress, batchSize: 1000 }, { from: 'x', to: 'x', filePaths: [file] });
    expect(summary.created).toBe(2500);
    expect(stream.text).toContain(`${file}: 1,000 papers written…`);
    expect(stream.text.endsWith('\r\x1b[2K')).toBe(true);
    expect(logger.lines).toContain(`[1/1] ${file}: 2,500 new, 0 updated, 0 unchanged`);
  });
});

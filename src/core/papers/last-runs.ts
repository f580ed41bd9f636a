/**
 * Each source judged by its own newest ingest run (one indexed query each, a handful of
 * sources): a manual ingest of a file after the scheduled Hugging Face ingest failed must not
 * hide that failure. Health, the start-up catch-up and the empty digest's note all ask this.
 */
import type { SourceName } from './paper.js';
import type { IngestRun, IngestRunStore } from './ports.js';

export async function lastRunOfEach(runs: Pick<IngestRunStore, 'latest'>, sources: readonly SourceName[]): Promise<Array<[SourceName, IngestRun | undefined]>> {
  return Promise.all(sources.map(async (source): Promise<[SourceName, IngestRun | undefined]> => [source, (await runs.latest(1, source))[0]]));
}

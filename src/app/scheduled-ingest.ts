/**
 * The scheduled ingest: every configured source for yesterday and today (UTC) — a day's list
 * keeps growing after midnight, and re-reading it is cheap because unchanged papers write
 * nothing — then the search index catches up with what changed.
 */
import type { Config } from '../config.js';
import { dayOf } from '../core/papers/ingest-dates.js';
import type { SourceName } from '../core/papers/paper.js';
import type { Stores } from '../core/ports.js';
import type { SearchService } from '../core/search/search-service.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../observability/metrics.js';
import { createSource } from '../sources/index.js';
import { runIngest, describeSummary } from '../../jobs/ingest.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SCHEDULABLE: ReadonlySet<string> = new Set<SourceName>(['hf', 'arxiv', 'rss']);

/** The sources the scheduled ingest runs (PAPERBOY_INGEST_SOURCES that can be scheduled): what /healthz judges. */
export function scheduledSources(config: Pick<Config, 'PAPERBOY_INGEST_SOURCES'>): SourceName[] {
  return config.PAPERBOY_INGEST_SOURCES.filter((name): name is SourceName => SCHEDULABLE.has(name));
}

export async function runScheduledIngest(
  deps: {
    config: Config;
    stores: Stores;
    search: SearchService;
    logger: Logger;
    metrics?: Metrics;
    /**
     * Aborted when the service stops: the ingest ends after the request in flight and records
     * its run as interrupted, as the CLI's does on Ctrl-C. Without it SIGTERM waited for the
     * whole ingest (minutes against a slow source, up to 20 s a request and its retries), past
     * Docker's grace period, and the kill left the run "running" for six hours.
     */
    signal?: AbortSignal;
  },
  now: Date,
): Promise<string> {
  const { config, stores, search, logger } = deps;
  const from = dayOf(new Date(now.getTime() - DAY_MS));
  const to = dayOf(now);
  const lines: string[] = [];
  let failed = 0;
  for (const name of config.PAPERBOY_INGEST_SOURCES) {
    if (deps.signal?.aborted) break;
    if (!SCHEDULABLE.has(name)) {
      logger.warn({ source: name }, `PAPERBOY_INGEST_SOURCES: "${name}" cannot be scheduled (use hf, arxiv or rss); skipped`);
      continue;
    }
    const source = createSource(name as SourceName, config);
    const summary = await runIngest(
      {
        stores,
        source,
        logger,
        signal: deps.signal,
        onPapersChanged: async (ids) => {
          const papers = await stores.papers.getMany(ids);
          await search.indexPapers([...papers.values()]);
        },
      },
      { from, to, categories: config.PAPERBOY_ARXIV_CATEGORIES },
    );
    deps.metrics?.papersIngested.inc({ source: name, outcome: 'new' }, summary.created);
    deps.metrics?.papersIngested.inc({ source: name, outcome: 'updated' }, summary.updated);
    deps.metrics?.papersIngested.inc({ source: name, outcome: 'unchanged' }, summary.unchanged);
    deps.metrics?.papersIngested.inc({ source: name, outcome: 'failed' }, summary.failed);
    failed += summary.failures.length;
    // The CLI's wording: "failed (2 of 2 failed, nothing ingested)" rather than "nothing changed, 2 failed".
    lines.push(describeSummary(summary));
  }
  // Papers other processes stored (a `paperboy ingest` beside the service) are searchable after
  // the next run too, and the index's catch-up mark moves on (see catch-up-mark.ts): without a
  // read of the store it held every paper indexed since the service started.
  await search.refresh().catch((err: unknown) => logger.warn({ err: String(err) }, 'search index not caught up with the store'));
  await search.persist().catch((err: unknown) => logger.warn({ err: String(err) }, 'search index snapshot not written'));
  const detail = lines.join('; ');
  if (failed) throw new Error(`ingest had failures: ${detail}`);
  return detail;
}

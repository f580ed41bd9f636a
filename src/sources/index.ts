/** Builds a PaperSource by name from configuration: the one place sources are wired. */
import type { Config } from '../config.js';
import type { PaperSource } from '../core/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import { httpClientFromConfig, type HttpClient } from '../net/http.js';
import type { Sleep } from '../core/sleep.js';
import { createThrottle } from '../net/throttle.js';
import { createArxivApiSource } from './arxiv-api.js';
import { createDropLog, type UnitReports } from './drops.js';
import { createArxivRssSource } from './arxiv-rss.js';
import { createFeedSource } from './feed.js';
import { createFileSource } from './file.js';
import type { HeapRoom } from './heap-room.js';
import { createHfDailyPapersSource } from './hf-daily-papers.js';

export type SourceConfig = Pick<
  Config,
  | 'PAPERBOY_HF_API_URL'
  | 'PAPERBOY_ARXIV_API_URL'
  | 'PAPERBOY_ARXIV_RSS_URL'
  | 'PAPERBOY_ARXIV_CATEGORIES'
  | 'PAPERBOY_ARXIV_DELAY_MS'
  | 'PAPERBOY_HTTP_TIMEOUT_MS'
  | 'PAPERBOY_HTTP_RETRIES'
  | 'PAPERBOY_USER_AGENT'
>;

export interface SourceDeps extends HeapRoom {
  /** Share one client (and its logging) between sources; built from config when absent. */
  http?: HttpClient;
  /** Injected in tests so arXiv spacing and backoff don't really wait. */
  sleep?: Sleep;
  /** Milliseconds clock for arXiv request spacing (tests pair it with `sleep`). */
  now?: () => number;
  /** Told about retries, for logs. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  /** Told about records a source dropped (withdrawn, not a paper, a feed entry without a usable link). */
  onSkipped?: (unit: string, reasons: string[]) => void;
}

/** A source that also says which entries of a unit it left out, and why (read by jobs/ingest.ts). */
export type ReportingSource = PaperSource & {
  /** One line per entry of `unit` left out since the last call for it. */
  droppedEntries(unit: string): string[];
  /** What else was said of `unit` since the last call for it (a saved feed cut short). */
  unitNotes(unit: string): string[];
};

export function createSource(name: SourceName, config: SourceConfig, deps: SourceDeps = {}): ReportingSource {
  const drops = createDropLog();
  const notes = createDropLog();
  const told: UnitReports = {
    onSkipped: (unit, reasons) => {
      drops.record(unit, reasons);
      deps.onSkipped?.(unit, reasons);
    },
    onNote: (unit, note) => notes.record(unit, [note]),
  };
  return Object.assign(buildSource(name, config, deps, told), { droppedEntries: drops.take, unitNotes: notes.take });
}

function buildSource(name: SourceName, config: SourceConfig, deps: SourceDeps, told: UnitReports): PaperSource {
  const http = deps.http ?? httpClientFromConfig(config, { ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.onRetry ? { onRetry: deps.onRetry } : {}) });
  const room = deps.heapLeft ? { heapLeft: deps.heapLeft } : {};
  switch (name) {
    case 'hf':
      return createHfDailyPapersSource({ baseUrl: config.PAPERBOY_HF_API_URL, http, ...told });
    case 'arxiv':
      return createArxivApiSource({
        baseUrl: config.PAPERBOY_ARXIV_API_URL,
        http,
        throttle: createThrottle(config.PAPERBOY_ARXIV_DELAY_MS, { ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) }),
        defaultCategories: config.PAPERBOY_ARXIV_CATEGORIES,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
      });
    case 'rss':
      return createArxivRssSource({ baseUrl: config.PAPERBOY_ARXIV_RSS_URL, http, defaultCategories: config.PAPERBOY_ARXIV_CATEGORIES, ...told, ...room });
    case 'feed':
      return createFeedSource({ http, ...told, ...room });
    case 'file':
      return createFileSource({ ...told, ...room });
  }
}

/**
 * Prometheus metrics (prom-client). `metrics` is the process-wide set the app records into and
 * `/metrics` renders; `createMetrics()` gives tests a set with its own Registry so they never
 * see each other's counts.
 *
 * Label values are kept to small fixed sets (platform, status, source, job): a label per target
 * or paper would make one time series per subscriber and sink the Prometheus server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { describeError } from '../core/error-text.js';

export type IngestOutcome = 'new' | 'updated' | 'unchanged' | 'failed';
export type DeliveryMetricStatus = 'sent' | 'failed' | 'rejected' | 'rate-limited' | 'empty';
export type TokenKind = 'prompt' | 'completion';
export type JobStatus = 'succeeded' | 'failed' | 'partial';

export interface Metrics {
  readonly registry: Registry;
  /** paperboy_papers_ingested_total{source, outcome} */
  papersIngested: Counter<'source' | 'outcome'>;
  /** paperboy_digests_total{platform, status}: whole digests (all parts) per target. */
  digests: Counter<'platform' | 'status'>;
  /** paperboy_messages_total{platform, status}: message parts posted or not. */
  messages: Counter<'platform' | 'status'>;
  /** paperboy_platform_rate_limited_total{platform}: HTTP 429 answers from Slack/Discord. */
  platformRateLimited: Counter<'platform'>;
  /** paperboy_llm_tokens_total{kind, model} */
  llmTokens: Counter<'kind' | 'model'>;
  /** paperboy_job_duration_seconds{job, status} */
  jobDuration: Histogram<'job' | 'status'>;
  /** paperboy_http_rejected_total{endpoint, reason}: requests refused before any handler (forged, stale, oversized). */
  httpRejected: Counter<'endpoint' | 'reason'>;
  /** paperboy_delivery_queue_jobs{state}: read from the queue at scrape time (see watchQueue). */
  deliveryQueueJobs: Gauge<'state'>;
  /** Report this queue's depth in deliveryQueueJobs (Redis-wide for BullMQ: every replica sees the same). */
  watchQueue(queue: QueueCountsSource): void;
  /** The text exposition format for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface QueueCountsSource {
  counts(): Promise<{ waiting: number; active: number; delayed: number }>;
}

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag, GC) too; off for tests. */
  processMetrics?: boolean;
  /** Added to every series, e.g. `{ replica: 'web-1' }`. */
  defaultLabels?: Record<string, string>;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'paperboy_' });
  const registers = [registry];
  let watched: QueueCountsSource | null = null;
  return {
    registry,
    papersIngested: new Counter({
      name: 'paperboy_papers_ingested_total',
      help: 'Papers seen by ingest runs, by source and outcome (new, updated, unchanged, failed).',
      labelNames: ['source', 'outcome'] as const,
      registers,
    }),
    digests: new Counter({
      name: 'paperboy_digests_total',
      help: 'Digest jobs finished per target, by platform and status (delivered, already-delivered: every message had been posted by an earlier attempt that stopped before closing the window, nothing-new, rejected, failed, broken, backing-off, no-notifier, in-progress).',
      labelNames: ['platform', 'status'] as const,
      registers,
    }),
    messages: new Counter({
      name: 'paperboy_messages_total',
      help: 'Digest message parts, by platform and status (sent, failed, rejected, rate-limited).',
      labelNames: ['platform', 'status'] as const,
      registers,
    }),
    platformRateLimited: new Counter({
      name: 'paperboy_platform_rate_limited_total',
      help: 'HTTP 429 answers from chat platforms.',
      labelNames: ['platform'] as const,
      registers,
    }),
    llmTokens: new Counter({
      name: 'paperboy_llm_tokens_total',
      help: 'LLM tokens used for summaries, by kind (prompt, completion) and model.',
      labelNames: ['kind', 'model'] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'paperboy_job_duration_seconds',
      help: 'Wall time of scheduled and CLI jobs (ingest, digest, …), by job and status.',
      labelNames: ['job', 'status'] as const,
      // Jobs range from sub-second digests checks to multi-minute backfills.
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
    httpRejected: new Counter({
      name: 'paperboy_http_rejected_total',
      help: 'Slack and Discord requests refused at the door, by endpoint and reason (signature, timestamp, method, too-large).',
      labelNames: ['endpoint', 'reason'] as const,
      registers,
    }),
    deliveryQueueJobs: new Gauge({
      name: 'paperboy_delivery_queue_jobs',
      help: 'Delivery jobs by state (waiting, active, delayed), read from the queue when scraped.',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        if (!watched) return;
        let c: { waiting: number; active: number; delayed: number };
        try {
          c = await watched.counts();
        } catch {
          // Redis away: the rest of /metrics is still worth a scrape; the depth is unknown, not stale.
          this.reset();
          return;
        }
        this.set({ state: 'waiting' }, c.waiting);
        this.set({ state: 'active' }, c.active);
        this.set({ state: 'delayed' }, c.delayed);
      },
    }),
    watchQueue(queue) {
      watched = queue;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** The process-wide metrics. Process metrics are off until main.ts calls `enableProcessMetrics`. */
export const metrics: Metrics = createMetrics();

let processMetricsOn = false;

/** Turn on Node process metrics for the process-wide set (once; later calls do nothing). */
export function enableProcessMetrics(target: Metrics = metrics): void {
  if (target === metrics && processMetricsOn) return;
  collectDefaultMetrics({ register: target.registry, prefix: 'paperboy_' });
  if (target === metrics) processMetricsOn = true;
}

/** Run `fn`, recording its duration under `job` with status succeeded or failed. */
export async function timeJob<T>(target: Metrics, job: string, fn: () => Promise<T>): Promise<T> {
  const end = target.jobDuration.startTimer({ job });
  try {
    const result = await fn();
    end({ status: 'succeeded' });
    return result;
  } catch (err) {
    end({ status: 'failed' });
    throw err;
  }
}

/** A node:http handler for GET /metrics (also fits Bolt's `customRoutes`). */
export function metricsHandler(target: Metrics = metrics) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const body = await target.render();
      res.writeHead(200, { 'content-type': target.contentType });
      res.end(body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics unavailable: ${describeError(err)}\n`);
    }
  };
}

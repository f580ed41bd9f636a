import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMetrics, metricsHandler, timeJob } from '../../../src/observability/metrics.js';

describe('metrics', () => {
  it('renders the counters it was given in the Prometheus text format', async () => {
    const m = createMetrics();
    m.papersIngested.inc({ source: 'hf', outcome: 'new' }, 12);
    m.papersIngested.inc({ source: 'hf', outcome: 'unchanged' }, 3);
    m.messages.inc({ platform: 'slack', status: 'sent' }, 4);
    m.messages.inc({ platform: 'discord', status: 'failed' });
    m.digests.inc({ platform: 'slack', status: 'sent' });
    m.platformRateLimited.inc({ platform: 'discord' }, 2);
    m.llmTokens.inc({ kind: 'prompt', model: 'gpt-4o-mini' }, 1500);
    m.llmTokens.inc({ kind: 'completion', model: 'gpt-4o-mini' }, 90);
    const text = await m.render();
    expect(text).toContain('paperboy_papers_ingested_total{source="hf",outcome="new"} 12');
    expect(text).toContain('paperboy_papers_ingested_total{source="hf",outcome="unchanged"} 3');
    expect(text).toContain('paperboy_messages_total{platform="slack",status="sent"} 4');
    expect(text).toContain('paperboy_messages_total{platform="discord",status="failed"} 1');
    expect(text).toContain('paperboy_digests_total{platform="slack",status="sent"} 1');
    expect(text).toContain('paperboy_platform_rate_limited_total{platform="discord"} 2');
    expect(text).toContain('paperboy_llm_tokens_total{kind="prompt",model="gpt-4o-mini"} 1500');
    expect(text).toContain('# TYPE paperboy_job_duration_seconds histogram');
  });

  it('reads the delivery queue depth when scraped', async () => {
    const m = createMetrics();
    let waiting = 7;
    m.watchQueue({ counts: async () => ({ waiting, active: 2, delayed: 1 }) });
    expect(await m.render()).toContain('paperboy_delivery_queue_jobs{state="waiting"} 7');
    waiting = 0;
    const text = await m.render();
    expect(text).toContain('paperboy_delivery_queue_jobs{state="waiting"} 0');
    expect(text).toContain('paperboy_delivery_queue_jobs{state="active"} 2');
  });

  it('still renders every other metric when the queue depth cannot be read (Redis away), without stale depths', async () => {
    const m = createMetrics();
    let down = false;
    m.watchQueue({ counts: async () => (down ? Promise.reject(new Error('redis at redis://cache:6379 unreachable')) : { waiting: 7, active: 2, delayed: 1 }) });
    m.messages.inc({ platform: 'slack', status: 'sent' }, 3);
    expect(await m.render()).toContain('paperboy_delivery_queue_jobs{state="waiting"} 7');
    down = true;
    const text = await m.render();
    expect(text).toContain('paperboy_messages_total{platform="slack",status="sent"} 3');
    expect(text).not.toContain('paperboy_delivery_queue_jobs{state="waiting"} 7');
  });

  it('keeps separate sets apart, so tests never see each other', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.messages.inc({ platform: 'slack', status: 'sent' }, 5);
    expect(await b.render()).not.toContain('paperboy_messages_total{platform="slack",status="sent"}');
  });

  it('times jobs with their outcome, rethrowing failures', async () => {
    const m = createMetrics({ defaultLabels: { replica: 'r1' } });
    await expect(timeJob(m, 'ingest', async () => 'done')).resolves.toBe('done');
    await expect(timeJob(m, 'digest', async () => Promise.reject(new Error('db gone')))).rejects.toThrow('db gone');
    const text = await m.render();
    expect(text).toMatch(/paperboy_job_duration_seconds_count\{replica="r1",job="ingest",status="succeeded"\} 1/);
    expect(text).toMatch(/paperboy_job_duration_seconds_count\{replica="r1",job="digest",status="failed"\} 1/);
  });

  it('escapes hostile label values instead of breaking the exposition format', async () => {
    const m = createMetrics();
    m.papersIngested.inc({ source: 'feed"\n}evil', outcome: 'new' });
    const text = await m.render();
    const line = text.split('\n').find((l) => l.startsWith('paperboy_papers_ingested_total{'));
    expect(line).toBe('paperboy_papers_ingested_total{source="feed\\"\\n}evil",outcome="new"} 1');
  });

  it('serves /metrics with the Prometheus content type, process metrics included when asked', async () => {
    const m = createMetrics({ processMetrics: true });
    m.messages.inc({ platform: 'console', status: 'sent' });
    const server = createServer((req, res) => void metricsHandler(m)(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const body = await res.text();
      expect(body).toContain('paperboy_messages_total{platform="console",status="sent"} 1');
      expect(body).toContain('paperboy_process_resident_memory_bytes');
    } finally {
      server.close();
    }
  });

  it("answers a scrape it cannot render with a 500 and one clean line, whatever was thrown", async () => {
    const failing = { ...createMetrics(), render: () => Promise.reject('registry \u001b[31mbroken\u001b[0m\nbadly') };
    let status = 0;
    let body = '';
    const res = { writeHead: (s: number) => void (status = s), end: (b: string) => void (body = b) };
    await metricsHandler(failing)({} as IncomingMessage, res as unknown as ServerResponse);
    expect(status).toBe(500);
    expect(body).toBe('metrics unavailable: registry broken badly\n');
  });
});


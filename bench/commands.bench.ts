/**
 * 200 concurrent `/papers search` slash commands through the signed Slack HTTP path (our server,
 * Bolt's receiver, the real search service) against 100,000 synthetic papers. Prints the ack
 * latency (what Slack's 3 s rule is about) and the full-answer latency (until the reply reaches
 * the local response_url server), p50/p99, beside a baseline measured in the same run: the same
 * searches through the handler alone, with no HTTP.
 *
 * Usage: npm run bench:commands [-- --papers 100000] [--concurrency 200] [--limit 8 (core jobs at once, as startChat)]
 *        [--search worker (the service's search thread, default) | inline (scoring on the request loop)]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { composeServices } from '../src/app/compose.js';
import { loadConfig } from '../src/config.js';
import { handleParsed } from '../src/chat/commands/handle.js';
import { createLimiter } from '../src/chat/commands/limiter.js';
import { parseCommandText } from '../src/chat/commands/parse.js';
import { createSlackChat } from '../src/chat/slack/app.js';
import type { PaperInput } from '../src/core/papers/paper.js';
import type { SearchService } from '../src/core/search/search-service.js';
import { seedBuiltinTopics } from '../src/core/topics/builtin.js';
import { startHttpServer as startAppServer } from '../src/http/server.js';
import { silentLogger } from '../src/log.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { openStores } from '../src/store/index.js';
import { sendJson, startHttpServer } from '../test/helpers/http-server.js';
import { signedSlackHeaders, slashCommandBody } from '../test/helpers/slack-sign.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const PAPERS = Number(arg('papers', '100000'));
const CONCURRENCY = Number(arg('concurrency', '200'));
const LIMIT = Number(arg('limit', '8'));
const SEARCH = arg('search', 'worker');
if (SEARCH !== 'worker' && SEARCH !== 'inline') throw new Error('--search is worker or inline');
const SECRET = 'bench-signing-secret';

// Deterministic synthetic corpus: ML terms plus thousands of rarer pseudo-words drawn with a
// Zipf-like skew, so posting lists look like a real corpus's (a few long, most short).
const ML_TERMS = (
  'neural audio codec speech tokenizer residual vector quantization diffusion video model transformer attention sparse mixture experts routing ' +
  'speculative decoding draft verify language large retrieval augmented generation graph network message passing reinforcement learning human ' +
  'feedback reward policy image tokenizer compression token pruning agent tool planning benchmark dataset evaluation efficient inference training ' +
  'scaling law latent representation contrastive self supervised multimodal vision alignment robust adversarial federated quantized low rank adapter'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru ta vo xi ze pa li do fu ge hi ja ko mu na pe'.split(' ');
const RARE = Array.from({ length: 8000 }, (_, i) => SYLLABLES[i % 20]! + SYLLABLES[Math.floor(i / 20) % 20]! + SYLLABLES[Math.floor(i / 400) % 20]!);
const VOCAB = [...ML_TERMS, ...RARE];
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
function synthetic(n: number): PaperInput[] {
  const r = rng(42);
  const pick = () => VOCAB[Math.floor(r() ** 2.5 * VOCAB.length)]!;
  const words = (k: number) => Array.from({ length: k }, pick).join(' ');
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const id = `${24 + Math.floor(i / 90000)}${String(1 + Math.floor((i % 90000) / 7500)).padStart(2, '0')}.${String(i % 100000).padStart(5, '0')}`;
    return {
      arxivId: id,
      source: 'hf' as const,
      title: words(6 + Math.floor(r() * 6)),
      abstract: words(80 + Math.floor(r() * 70)),
      authors: [`Author ${i % 997}`, `Writer ${i % 389}`],
      absUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
      publishedAt: new Date(base + i * 300_000),
      upvotes: Math.floor(r() * 50),
      categories: ['cs.CL'],
    };
  });
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let d = '';
    req.on('data', (c: Buffer) => (d += c.toString()));
    req.on('end', () => resolve(d));
  });
}

interface Ready {
  appUrl: string;
  hooksUrl: string;
  direct: number[];
}

/** The server side (Slack receiver, core, index) in a worker: Slack is another machine, and the
 * load generator must not share an event loop with the CPU-bound searches it measures. */
async function serverThread(): Promise<void> {
  const { papers: PAPERS_W, queries, limit, mode, dir } = workerData as { papers: number; queries: string[]; limit: number; mode: 'worker' | 'inline'; dir: string };
  // A real SQLite store: phrase searches and the index build read it as the service does.
  const stores = await openStores(`file:${join(dir, 'paperboy.db')}`, { migrate: true });
  await seedBuiltinTopics(stores.topics, new Date());
  let t0 = performance.now();
  const corpus = synthetic(PAPERS_W);
  for (let i = 0; i < corpus.length; i += 5000) await stores.papers.upsertMany(corpus.slice(i, i + 5000), new Date());
  process.stderr.write(`stored ${PAPERS_W} papers in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  // The chat services as the service composes them; the worker search as it runs (or inline).
  const composed = composeServices(loadConfig({ DATABASE_URL: 'file:./unused.db', PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-bench-')) }), stores, silentLogger(), {}, { searchWorker: mode === 'worker' });
  const search: SearchService = composed.topics.search;
  t0 = performance.now();
  await search.ready();
  process.stderr.write(`search index built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const services = composed.commands;
  // As startChat does: bounded, yielding core work so acks are never starved.
  const deps = { services, timeoutMs: 600_000, limit: createLimiter(limit) };

  // Baseline: the same searches through the handler alone (no HTTP, no Bolt), same concurrency.
  const actor = { platform: 'slack' as const, userId: 'slack:U0BENCH', channelId: 'slack:C0BENCH', mayManageChannel: async () => false };
  const direct = await Promise.all(
    queries.map(async (q) => {
      const s = performance.now();
      await handleParsed(parseCommandText(`search ${q}`), actor, deps);
      return performance.now() - s;
    }),
  );

  process.stderr.write(`baseline done: handler-only p50 ${ms(pct(direct, 50))}\n`);
  const slackApi = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001' }));
  const chat = createSlackChat({
    config: { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: `${slackApi.url}/api/`, SLACK_CHANNEL_MANAGERS: [] },
    logger: silentLogger(),
    deps,
  })!;
  // Server-side ack time: from the request reaching our listener until its ack is written.
  const served: Array<[number, number]> = [];
  const listener = chat.requestListener!;
  const timed: typeof listener = (req, res) => {
    const s = performance.timeOrigin + performance.now();
    res.once('finish', () => served.push([s, performance.timeOrigin + performance.now()]));
    listener(req, res);
  };
  const app = await startAppServer({ port: 0, host: '127.0.0.1', logger: silentLogger(), slack: timed });
  let mark = performance.eventLoopUtilization();
  parentPort!.on('message', (m: string) => {
    if (m === 'served') {
      const elu = performance.eventLoopUtilization(mark);
      mark = performance.eventLoopUtilization();
      parentPort!.postMessage({ served: served.splice(0), elu: elu.utilization });
    }
  });
  parentPort!.postMessage({ appUrl: app.url, direct });
}

async function main() {
  const r = rng(7);
  const queries = Array.from({ length: CONCURRENCY }, (_, i) =>
    i % 4 === 0 ? 'audio codecs' : Array.from({ length: 1 + Math.floor(r() * 3) }, () => VOCAB[Math.floor(r() ** 2 * VOCAB.length)]).join(' '),
  );
  const answered = new Map<string, number>();
  let answersDone: () => void = () => {};
  const allAnswered = new Promise<void>((resolve) => (answersDone = resolve));
  const hooks = await startHttpServer(async (req, res, url) => {
    await readBody(req);
    answered.set(url.pathname, performance.now());
    sendJson(res, 200, { ok: true });
    if (answered.size >= CONCURRENCY) answersDone();
  });
  // The worker registers tsx's loader itself, then loads this same file in server mode.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-commands-bench-'));
  const worker = new Worker(boot, { eval: true, workerData: { papers: PAPERS, queries, limit: LIMIT, mode: SEARCH, dir } });
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once('message', (m: Ready) => resolve(m));
    worker.once('error', reject);
  });
  const { appUrl, direct } = ready;
  const app = { url: appUrl };
  // One warm-up command so Bolt's lazy auth.test isn't billed to the first measured request.
  const warm = slashCommandBody({ text: 'help', responseUrl: `${hooks.url}/warm` });
  await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, warm), body: warm });
  answered.clear();
  let serverElu = 0;
  const servedTimes = async () => {
    worker.postMessage('served');
    return new Promise<Array<[number, number]>>((resolve) =>
      worker.once('message', (m: { served: Array<[number, number]>; elu: number }) => {
        serverElu = m.elu;
        resolve(m.served);
      }),
    );
  };
  await servedTimes();
  const clientMark = performance.eventLoopUtilization();

  const sent = new Map<string, number>();
  const sentAt: number[] = [];
  const acks: number[] = [];
  let non200 = 0;
  const started = performance.now();
  await Promise.all(
    queries.map(async (q, i) => {
      const path = `/hook/${i}`;
      const body = slashCommandBody({ text: `search ${q}`, userId: `U${String(i).padStart(6, '0')}`, responseUrl: `${hooks.url}${path}` });
      const headers = signedSlackHeaders(SECRET, body);
      const s = performance.now();
      sent.set(path, s);
      sentAt.push(performance.timeOrigin + s);
      const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers, body });
      await res.text();
      acks.push(performance.now() - s);
      if (res.status !== 200) non200++;
    }),
  );
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([allAnswered, new Promise((r2) => (giveUp = setTimeout(r2, 120_000)))]);
  clearTimeout(giveUp);
  const wall = performance.now() - started;
  const full = [...sent].flatMap(([path, s]) => (answered.has(path) ? [answered.get(path)! - s] : []));

  const clientElu = performance.eventLoopUtilization(clientMark).utilization;
  const served = await servedTimes();
  process.stderr.write(`event loop busy: server ${(serverElu * 100).toFixed(0)}%, load generator ${(clientElu * 100).toFixed(0)}%\n`);
  const firstSent = Math.min(...sentAt);
  const serverAck = served.map(([a, f]) => f - a);
  const arrival = served.map(([a]) => a - firstSent);
  await worker.terminate();
  await hooks.close();
  rmSync(dir, { recursive: true, force: true });

  const lines = [
    `/papers search × ${CONCURRENCY} concurrent, ${PAPERS} papers (real SQLite store, real MiniSearch index), signed Slack HTTP path, server in a worker thread, search ${SEARCH === 'worker' ? 'in its own thread' : 'inline on the request loop'}, ${LIMIT} core job(s) at once`,
    `  ack           p50 ${ms(pct(acks, 50))}  p99 ${ms(pct(acks, 99))}  (Slack's limit 3000 ms: p99 is ${((pct(acks, 99) / 3000) * 100).toFixed(1)}% of it)`,
    `    of which on the server (request read → ack written)  p50 ${ms(pct(serverAck, 50))}  p99 ${ms(pct(serverAck, 99))}; requests reached it ${ms(pct(arrival, 50))} / ${ms(pct(arrival, 99))} (p50/p99) after the first was sent`,
    `  full answer   p50 ${ms(pct(full, 50))}  p99 ${ms(pct(full, 99))}  (${full.length}/${CONCURRENCY} answered, ${non200} non-200 acks, wall ${ms(wall)})`,
    `  baseline: handler only, no HTTP, same concurrency   p50 ${ms(pct(direct, 50))}  p99 ${ms(pct(direct, 99))}`,
    `  ratio full/baseline   p50 ×${(pct(full, 50) / pct(direct, 50)).toFixed(2)}  p99 ×${(pct(full, 99) / pct(direct, 99)).toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (full.length < CONCURRENCY || non200 > 0) process.exitCode = 1;
}

(isMainThread ? main() : serverThread()).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

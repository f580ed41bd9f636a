/**
 * Digest delivery at scale: N targets (Slack and Discord, channels and DMs) x M new papers,
 * against the local fake Slack and Discord APIs with per-request latency and their rate limits
 * (Slack ~1 message/s per channel; Discord 50 requests/s per bot), summaries through a local
 * OpenAI-compatible server, on a real SQLite store. Prints wall time, messages/s, the ratio to the rate-limit ceiling,
 * peak RSS and LLM calls (at most one per paper, whatever the number of targets).
 *
 * Usage: npm run bench:digest [-- --targets 10000 --papers 1000 --latency 50 --concurrency 64 --days 1]
 *        (--scale 0.1 shrinks targets and papers for a quick run; --days 2 adds a warm second
 *        morning: DM channels remembered, only the new day's papers summarised)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordNotifier } from '../src/chat/discord/notifier.js';
import { renderDiscordParts } from '../src/chat/discord/render.js';
import { createSlackNotifier } from '../src/chat/slack/notifier.js';
import { renderSlackParts } from '../src/chat/slack/render.js';
import { runDigests } from '../src/core/digest/run-digests.js';
import { latestSlot } from '../src/core/digest/schedule.js';
import type { DeliveryTarget, Notifier, Subscription } from '../src/core/ports.js';
import { seedBuiltinTopics } from '../src/core/topics/builtin.js';
import { silentLogger } from '../src/log.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { openStores } from '../src/store/index.js';
import { createOpenAiSummarizer } from '../src/summarize/openai.js';
import { createSummaryService } from '../src/summarize/service.js';
import { cacheStoreDmChannels } from '../src/chat/text/dm-channel-cache.js';
import { composeServices } from '../src/app/compose.js';
import { loadConfig } from '../src/config.js';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeOpenAi } from '../test/helpers/fake-openai.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const SCALE = Number(arg('scale', '1'));
const TARGETS = Math.max(10, Math.round(Number(arg('targets', '10000')) * SCALE));
const PAPERS = Math.max(10, Math.round(Number(arg('papers', '1000')) * SCALE));
const LATENCY = Number(arg('latency', '50'));
const CONCURRENCY = Number(arg('concurrency', '64'));
/** Day 1 is cold (every DM channel opened); later days show the steady state. */
const DAYS = Math.max(1, Number(arg('days', '1')));
const DISCORD_GLOBAL = 50;

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const PHRASES = [
  'neural audio codec with residual vector quantization',
  'speculative decoding with a draft model',
  'mixture of experts routing',
  'retrieval-augmented generation for question answering',
  'video diffusion model',
  'graph neural network message passing',
  'RLHF reward model preference optimization',
  'LLM agents with tool use',
  'image tokenizer for autoregressive generation',
  'KV cache token compression for long context',
];

async function main() {
  const snowflake = (i: number) => String(100000000000000000n + BigInt(i));
  const kinds = Array.from({ length: TARGETS }, (_, i) => (i % 10 < 4 ? 'slack-channel' : i % 10 < 6 ? 'slack-dm' : i % 10 < 9 ? 'discord-channel' : 'discord-dm'));
  const slackChannels = kinds.flatMap((k, i) => (k === 'slack-channel' ? [`C${String(i).padStart(8, '0')}`] : []));
  const slackUsers = kinds.flatMap((k, i) => (k === 'slack-dm' ? [`U${String(i).padStart(8, '0')}`] : []));
  const discordChannels = kinds.flatMap((k, i) => (k === 'discord-channel' ? [snowflake(i)] : []));
  const discordUsers = kinds.flatMap((k, i) => (k === 'discord-dm' ? [snowflake(i)] : []));

  // Slack's Tier 3 would hold the first morning's conversations.open to 50 a minute (the DM
  // cache spares later mornings): this bench measures paperboy's own work, so the tiers are off
  // here and the wait they would add is printed beside the figures.
  const slack = await startFakeSlack({ channels: slackChannels, users: slackUsers, latencyMs: LATENCY, perChannelPerSec: 1, rateTiers: false });
  console.log(`note: ${slackUsers.length} Slack DM users; at Slack, opening their DMs (conversations.open, Tier 3, 50/min) alone takes ≥ ${(slackUsers.length / 50).toFixed(0)} min on the first morning; the fake does not enforce that here`);
  const discord = await startFakeDiscord({ channels: discordChannels, users: discordUsers, latencyMs: LATENCY, globalPerSec: DISCORD_GLOBAL, perChannelPerSec: 5 });
  const openai = await startFakeOpenAi();

  // A real SQLite store, as the service runs on by default: reads of papers, plans and the
  // ledger's writes cost what they cost there (an in-memory store flattered every one of them).
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-digest-bench-'));
  const stores = await openStores(`file:${join(dir, 'paperboy.db')}`, { migrate: true });
  // Targets are due at 00:00 UTC; each simulated morning's papers arrived before its slot.
  // Days run in the past (the last one ends today) so every timestamp stays on the real clock.
  const today = latestSlot({ time: '00:00', timeZone: 'UTC', weekdaysOnly: false }, new Date());
  const slotOf = (day: number) => new Date(today.getTime() - (DAYS - 1 - day) * 24 * 3600_000);
  await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
  const topics = (await stores.topics.list()).map((t) => t.slug);
  const seedPapers = async (day: number) => {
    const seen = new Date(slotOf(day).getTime() - 2 * 3600_000);
    await stores.papers.upsertMany(
      Array.from({ length: PAPERS }, (_, i) => {
        const phrase = pick(PHRASES);
        return {
          arxivId: `26${String(day).padStart(2, '0')}.${String(i).padStart(5, '0')}`,
          source: 'hf' as const,
          title: `${phrase[0]!.toUpperCase()}${phrase.slice(1)}: study ${day}-${i}`,
          abstract: `We propose a method for ${phrase}. Experiments on standard benchmarks show gains. ${pick(PHRASES)} is discussed.`,
          authors: ['A. Researcher', 'B. Scientist'],
          publishedAt: seen,
          upvotes: Math.floor(rand() * 50),
        };
      }),
      seen,
    );
  };
  await seedPapers(0);
  const slot = slotOf(0);
  const seen = new Date(slot.getTime() - 2 * 3600_000);
  const lastDigestAt = new Date(slot.getTime() - 24 * 3600_000);
  for (let i = 0; i < TARGETS; i++) {
    const k = kinds[i]!;
    const id = k === 'slack-channel' ? `slack:C${String(i).padStart(8, '0')}` : k === 'slack-dm' ? `slack:U${String(i).padStart(8, '0')}` : `discord:${snowflake(i)}`;
    const target: DeliveryTarget = {
      id,
      platform: k.startsWith('slack') ? 'slack' : 'discord',
      kind: k.endsWith('dm') ? 'user' : 'channel',
      time: '00:00',
      timeZone: 'UTC',
      weekdaysOnly: false,
      maxPapers: 10,
      notifyEmpty: false,
      lastDigestAt,
      status: 'active',
      brokenReason: null,
      failureCount: 0,
    };
    await stores.targets.upsert(target);
    const n = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < n; j++) {
      const sub: Subscription = { subscriber: id, kind: target.kind === 'user' ? 'user' : 'channel', topicSlug: pick(topics), minScore: null, maxPapers: null, createdBy: 'bench', createdAt: seen };
      await stores.subscriptions.add(sub);
    }
  }

  const warnings = new Map<string, number>();
  const count = (o: object | string, msg?: string) => {
    const key = `${msg ?? ''} ${typeof o === 'object' && 'error' in o ? String((o as { error: unknown }).error).slice(0, 80) : ''}`;
    warnings.set(key, (warnings.get(key) ?? 0) + 1);
  };
  const logger = { ...silentLogger(), info() {}, debug() {}, warn: count, error: count } as unknown as ReturnType<typeof silentLogger>;
  const llm = createOpenAiSummarizer({ apiKey: 'sk-test', baseURL: openai.baseURL, model: 'bench', concurrency: 4, dailyTokenBudget: 0, pricePerMTok: 0.3, cache: stores.cache, logger, maxRetries: 1 });
  const summaries = createSummaryService({ papers: stores.papers, logger, llm });
  const outcomes = new Map<string, number>();
  const counted = (n: Notifier): Notifier => ({
    platform: n.platform,
    findPosted: n.findPosted.bind(n),
    async send(address, part) {
      const o = await n.send(address, part);
      const key = `${n.platform} ${o.status}${o.status === 'sent' ? '' : ` ${o.error.slice(0, 60)}`}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      return o;
    },
  });
  // Notifiers outlive a run, as in the service; DM channel ids also go to the CacheStore.
  const channels = {
    slack: { notifier: counted(createSlackNotifier({ token: 'xoxb-test-token', apiUrl: slack.apiUrl, dmChannels: cacheStoreDmChannels(stores.cache, 'slack') })), render: renderSlackParts, minIntervalMs: 1100 },
    discord: { notifier: counted(createDiscordNotifier({ token: 'discord-test-token', apiUrl: discord.apiUrl, dmChannels: cacheStoreDmChannels(stores.cache, 'discord') })), render: renderDiscordParts, minIntervalMs: 250 },
  };
  // The matcher as the composition root builds it for the digest job.
  const matcher = composeServices(loadConfig({ DATABASE_URL: 'file:./unused.db', PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-bench-')) }), stores, logger).matcher;

  console.log(`\ndigest bench${SCALE !== 1 ? ` (scaled by ${SCALE})` : ''}: ${TARGETS} targets (${slackChannels.length} Slack channels, ${slackUsers.length} Slack DMs, ${discordChannels.length} Discord channels, ${discordUsers.length} Discord DMs), ${PAPERS} new papers a day, ${LATENCY} ms per request, delivery concurrency ${CONCURRENCY} per platform`);
  for (let day = 0; day < DAYS; day++) {
    if (day > 0) await seedPapers(day);
    outcomes.clear();
    warnings.clear();
    const before = { slack: slack.posts.length, discord: discord.posts.length, discordReq: discord.server.requests.length, slackReq: slack.server.requests.length, llm: openai.requests.length, s429: slack.rateLimited, d429: discord.rateLimited, dGlobal: discord.globalRateLimited, opens: slack.calls.get('conversations.open') ?? 0 };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const startedAt = Date.now();
    const report = await runDigests({ stores, matcher, summaries, channels, logger, concurrency: CONCURRENCY }, { now: new Date(Math.min(Date.now(), slotOf(day).getTime() + 60_000)) });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const byStatus = new Map<string, number>();
    for (const t of report.targets) byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + 1);
    const slackMsgs = slack.posts.length - before.slack;
    const discordMsgs = discord.posts.length - before.discord;
    const discordRequests = discord.server.requests.length - before.discordReq;
    const dmOpens = (slack.calls.get('conversations.open') ?? 0) - before.opens;
    const llmStats = summaries.lastRun()?.llmStats;
    // Discord's ceiling is its global 50 requests/s (DM channel opens count too); Slack's is one
    // message per second per channel, which a digest of one or two parts per channel never reaches.
    const discordCeilingSeconds = discordRequests / DISCORD_GLOBAL;
    const span = (xs: number[]) => (xs.length ? `${((Math.min(...xs) - startedAt) / 1000).toFixed(1)}..${((Math.max(...xs) - startedAt) / 1000).toFixed(1)} s` : '-');
    const rows: Array<[string, string]> = [
      ['target outcomes', [...byStatus].map(([st, n]) => `${st}: ${n}`).join(', ')],
      ['wall time', `${seconds.toFixed(1)} s`],
      ['messages posted', `${slackMsgs + discordMsgs} (Slack ${slackMsgs}, Discord ${discordMsgs}); found in history after a lost response: ${report.messagesRecovered}`],
      ['messages/s', ((slackMsgs + discordMsgs) / seconds).toFixed(1)],
      ['Discord requests/s vs 50/s ceiling', `${(discordRequests / seconds).toFixed(1)} / ${DISCORD_GLOBAL} = ${(discordRequests / seconds / DISCORD_GLOBAL).toFixed(2)}`],
      ['Discord wall vs its ceiling bound', `${discordCeilingSeconds.toFixed(1)} s bound -> ${(seconds / discordCeilingSeconds).toFixed(2)}x`],
      ['Slack conversations.open calls', String(dmOpens)],
      ['429s answered (Slack, Discord)', `${slack.rateLimited - before.s429}, ${discord.rateLimited - before.d429} (${discord.globalRateLimited - before.dGlobal} global)`],
      ['LLM calls', `${openai.requests.length - before.llm} for ${summaries.lastRun()?.papers ?? 0} distinct planned papers (${llmStats?.promptTokens ?? 0}+${llmStats?.completionTokens ?? 0} tokens, est $${(llmStats?.estimatedCostUsd ?? 0).toFixed(4)})`],
      ['peak RSS', `${(peakRss / 1024 / 1024).toFixed(0)} MB`],
      ['posting window (Slack, Discord)', `${span(slack.posts.slice(before.slack).map((p) => p.at))}, ${span(discord.posts.slice(before.discord).map((p) => p.at))}`],
      ['send outcomes', [...outcomes].map(([k, n]) => `${k}: ${n}`).join('; ')],
    ];
    for (const [k, n] of warnings) rows.push([`warning x${n}`, k.trim()]);
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nmorning ${day + 1}${day === 0 ? ' (cold: every DM channel opened)' : ' (warm)'}`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  }

  await Promise.all([slack.close(), discord.close(), openai.close()]);
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

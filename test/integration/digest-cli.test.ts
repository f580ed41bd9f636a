import { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { register as registerChannel } from '../../src/cli/commands/channel.js';
import { register as registerDigest } from '../../src/cli/commands/digest.js';
import type { CliContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { latestSlot, localTimeText, nextSlot } from '../../src/core/digest/schedule.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { silentLogger } from '../../src/log.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { closedPort } from '../helpers/http-server.js';
import { textSink } from '../helpers/text-sink.js';

const sink = textSink;

describe(`paperboy channel / digest (CLI, ${testDatabaseProvider()}, local Slack)`, () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  /** Where the CLI's Slack client calls: the fake, unless a test takes Slack out of reach. */
  let slackApiUrl: string | undefined;
  beforeAll(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: ['C0001', 'C0002'], users: ['U0001'] });
  });
  afterAll(async () => {
    await slack.close();
    await db.drop();
  });
  beforeEach(async () => {
    slackApiUrl = undefined;
    stores = await db.openStores();
    await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = sink();
    const stderr = sink();
    let code = 0;
    const ctx: CliContext = {
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slackApiUrl ?? slack.apiUrl }),
      logger: silentLogger(),
      openStores: async () => stores,
      stdout,
      stderr,
      setExitCode: (c) => void (code = Math.max(code, c)),
    };
    const program = new Command('paperboy').exitOverride().configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) });
    registerChannel(program, ctx);
    registerDigest(program, ctx);
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch {
      code = Math.max(code, 2);
    }
    return { code, out: stdout.text, err: stderr.text };
  }

  it('adds, lists and removes targets with clear errors for bad input', async () => {
    const bad = await run('channel', 'add', 'slack:not-an-id', '--time', '9am', '--tz', 'Mars/Olympus');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Slack channel id/);
    expect(bad.err).toMatch(/HH:MM/);
    expect(bad.err).toMatch(/IANA/);

    const add = await run('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs', '--time', '08:30', '--tz', 'Europe/Berlin', '--weekdays');
    expect(add.code).toBe(0);
    expect(add.out).toContain('08:30 Europe/Berlin weekdays');
    const list = await run('channel', 'list', '--json');
    const [t] = JSON.parse(list.out) as Array<{ id: string; topics: string[]; weekdaysOnly: boolean; kind: string; lastDigestAt: string | null; digestFrom: string | null }>;
    expect(t).toMatchObject({ id: 'slack:C0001', topics: ['audio-codecs'], weekdaysOnly: true, kind: 'channel' });
    // No digest was delivered, and the listing says so: lastDigestAt is not the slot it waits from.
    expect(t!.lastDigestAt).toBeNull();
    // A new target waits for its next slot, as a chat subscription's does: its window starts at
    // the slot before it was added (a Friday's, when added at a weekend).
    const schedule = { time: '08:30', timeZone: 'Europe/Berlin', weekdaysOnly: true };
    const before = new Date();
    const added = (await stores.targets.get('slack:C0001'))!.digestFrom;
    expect(added).toEqual(latestSlot(schedule, before));
    expect(t!.digestFrom).toBe(added!.toISOString());
    const first = nextSlot(schedule, before);
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(first);
    const part = (type: string) => day.find((p) => p.type === type)!.value;
    expect(add.out).toContain(` · first digest ${part('weekday')} ${part('year')}-${part('month')}-${part('day')} 08:30 Europe/Berlin\n`);

    // Updating keeps what the options leave alone, including when it last got a digest.
    const lastDigestAt = new Date('2026-11-20T08:30:00Z');
    await stores.targets.upsert({ ...(await stores.targets.get('slack:C0001'))!, lastDigestAt });
    const update = await run('channel', 'add', 'slack:C0001', '--max-papers', '7');
    expect(update.out).toMatch(/^Updated slack:C0001 {2}08:30 Europe\/Berlin weekdays {2}max 7/);
    expect(await stores.targets.get('slack:C0001')).toMatchObject({ time: '08:30', timeZone: 'Europe/Berlin', weekdaysOnly: true, maxPapers: 7, lastDigestAt });

    // All or nothing: one misspelt topic and neither the target nor the known topic is stored.
    const unknown = await run('channel', 'add', 'slack:U0001', '--topic', 'audio-codecs', 'speculative decodng');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toContain('No topic named "speculative decodng"');
    expect(unknown.err).toContain('nothing changed for slack:U0001');
    expect(await stores.targets.get('slack:U0001')).toBeNull();
    expect(await stores.subscriptions.list({ subscriber: 'slack:U0001' })).toEqual([]);

    const dm = await run('channel', 'add', 'slack:U0001', '--topic', 'audio-codecs');
    expect(dm.code).toBe(0);
    expect((await stores.targets.get('slack:U0001'))!.kind).toBe('user');

    const consoleTopics = await run('channel', 'add', 'console', '--topic', 'audio-codecs');
    expect(consoleTopics.code).toBe(2);
    expect(await stores.targets.get('console')).toBeNull();
    // An empty topic is a usage error, as subscribe says it, and nothing is written.
    const empty = await run('channel', 'add', 'slack:C0EMPTY1', '--topic', ' ');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('paperboy channel add: Topic name is empty');
    expect(await stores.targets.get('slack:C0EMPTY1')).toBeNull();

    // One time-of-day rule for chat and the CLI: `9:05` is `09:05`.
    const early = await run('channel', 'add', 'slack:C0001', '--time', '9:05');
    expect(early.code).toBe(0);
    expect(early.out).toMatch(/^Updated slack:C0001 {2}09:05 Europe\/Berlin/);
    expect((await stores.targets.get('slack:C0001'))!.time).toBe('09:05');

    expect((await run('channel', 'remove', 'slack:U0001')).code).toBe(0);
    expect(await stores.targets.get('slack:U0001')).toBeNull();
    expect((await run('channel', 'remove', 'slack:U0001')).code).toBe(1);
  });

  it('digest --dry-run renders without sending or recording; a real run posts once with the real matcher', async () => {
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    await stores.papers.upsertMany(
      [
        { arxivId: '2611.11111', source: 'hf', title: 'A neural audio codec with residual vector quantization for low-bitrate speech', abstract: 'We propose a neural audio codec using residual vector quantization (RVQ). It compresses speech at 1.5 kbps.', publishedAt: seen },
        { arxivId: '2611.22222', source: 'hf', title: 'Graph rewiring for molecules', abstract: 'We study message passing on molecular graphs.', publishedAt: seen },
      ],
      seen,
    );
    await run('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs');
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();

    const dry = await run('digest', '--target', 'slack:C0001', '--since', since, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out) as { targets: Array<{ status: string; papers: number; rendered: Array<{ text: string }> }> };
    expect(report.targets[0]).toMatchObject({ status: 'dry-run', papers: 1 });
    expect(report.targets[0]!.rendered[0]!.text).toContain('neural audio codec');
    expect(slack.posts).toHaveLength(0);
    expect(await stores.ledger.openDigests()).toEqual([]);
    expect((await stores.papers.get('2611.11111'))!.summary).toBeNull();

    const real = await run('digest', '--target', 'slack:C0001', '--since', since);
    expect(real.code).toBe(0);
    expect(real.err).toMatch(/slack:C0001 delivered: 1 paper in 1 message/);
    expect(slack.posts).toHaveLength(1);
    expect(JSON.stringify(slack.posts[0]!.blocks)).not.toContain('Graph rewiring');
    expect((await stores.papers.get('2611.11111'))!.summarySource).toBe('extractive');

    const again = await run('digest', '--target', 'slack:C0001');
    expect(again.err).toMatch(/slack:C0001 nothing new in its window/);
    expect(slack.posts).toHaveLength(1);
  });

  it('channel add --weekly <day> makes a weekly roll-up, --daily undoes it, a bad day is refused', async () => {
    const bad = await run('channel', 'add', 'slack:C0001', '--weekly', 'Funday');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--weekly "Funday" is not a day of the week/);
    const weekly = await run('channel', 'add', 'slack:C0001', '--weekly', 'Mon', '--time', '09:00', '--max-papers', '15');
    expect(weekly.code).toBe(0);
    expect(weekly.out).toMatch(/slack:C0001 {2}09:00 \S+ weekly on Monday {2}max 15/);
    expect(await stores.targets.get('slack:C0001')).toMatchObject({ weeklyOn: 1, maxPapers: 15 });
    // Its next slot is a Monday, in the target's own zone.
    expect(weekly.out).toMatch(/(?:next|then) Mon \d{4}-\d{2}-\d{2} 09:00 /);
    expect((await run('channel', 'add', 'slack:C0001', '--daily')).code).toBe(0);
    expect((await stores.targets.get('slack:C0001'))!.weeklyOn).toBeNull();
  });

  it('rejects a bad --since and an unknown target', async () => {
    expect((await run('digest', '--since', 'yesterday')).err).toMatch(/not a date/);
    // A window from the future would be recorded as delivered and skip the target's papers.
    const before = await stores.targets.get('slack:C0001');
    const future = await run('digest', '--target', 'slack:C0001', '--since', '2999-01-01');
    expect(future.code).toBe(2);
    expect(future.err).toMatch(/--since: 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}, UTC\): there are no papers for it yet/);
    expect((await run('digest', '--target', 'slack:C0001', '--since', '2999-01-01T08:00:00Z')).err).toContain('--since: 2999-01-01 08:00 UTC is in the future; a digest window ends now');
    expect(await stores.targets.get('slack:C0001')).toEqual(before);
    const r = await run('digest', '--target', 'slack:C9999');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no delivery target/);
    const both = await run('digest', '--all', '--target', 'console', '--dry-run');
    expect(both.code).toBe(2);
    expect(both.err).toContain('give --target (one target) or --all (every active target), not both');
  });

  it('--help lists every target form --target takes, the Discord DM form included, and a bad id lists them too', async () => {
    const help = (await run('digest', '--help')).out.replace(/\s+/g, ' ');
    for (const form of ['console', 'slack:C0123ABCD (a channel)', 'slack:U0123ABCD (a DM)', 'discord:<channel id>', 'discord:user:<user id> (a DM)']) expect(help).toContain(form);
    const bad = await run('digest', '--target', 'discord:someone');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('discord:user:<user id> (a DM)');
    // A channel's link, copied from Slack, is answered with the id in it.
    const link = await run('digest', '--target', 'https://acme.slack.com/archives/C0001', '--dry-run');
    expect(link).toMatchObject({ code: 2, err: 'paperboy digest: --target "https://acme.slack.com/archives/C0001" is a link: the id it names is slack:C0001\n' });
    // A bare id or a mention is answered with the target id it stands for.
    expect(await run('digest', '--target', '<@U0123ABCD>', '--dry-run')).toMatchObject({ code: 2, err: 'paperboy digest: --target "<@U0123ABCD>" is not a target id: did you mean slack:U0123ABCD?\n' });
    expect((await run('digest', '--target', 'C0123ABCD', '--dry-run')).err).toContain('did you mean slack:C0123ABCD?');
    expect((await run('channel', 'add', 'U0123ABCD')).err).toContain('did you mean slack:U0123ABCD?');
    // The form listed is one it takes: a DM target named as channel list's id or as discord:user:<id>.
    expect((await run('channel', 'add', 'discord:user:123456789012345678')).code).toBe(0);
    expect((await run('channel', 'list')).out).toMatch(/^discord:user:123456789012345678 /m);
    const dm = await run('digest', '--target', 'discord:user:123456789012345678', '--dry-run');
    expect(dm.err).not.toContain('is not a target id');
    expect(dm.err).toMatch(/^discord:123456789012345678 /m);
  });

  it('a digest an earlier run posted but did not close is reported as already delivered: 0 new messages, nothing posted twice', async () => {
    const slot = latestSlot({ time: '09:00', timeZone: 'UTC', weekdaysOnly: false }, new Date());
    const seen = new Date(slot.getTime() - 60 * 60 * 1000);
    await stores.papers.upsertMany(
      [{ arxivId: '2611.33333', source: 'hf', title: 'A neural audio codec for music at 6 kbps', abstract: 'We propose a neural audio codec with residual vector quantization.', publishedAt: seen }],
      seen,
    );
    expect((await run('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs', '--time', '09:00', '--tz', 'UTC')).code).toBe(0);
    // Due at the last slot (the earlier tests' digest and schedule changes left aside): its window starts a day before it.
    const daily = { time: '09:00', timeZone: 'UTC', weekdaysOnly: false, weeklyOn: null };
    await stores.targets.upsert({ ...(await stores.targets.get('slack:C0001'))!, ...daily, lastDigestAt: null, rescheduledAt: null, digestFrom: new Date(slot.getTime() - 24 * 60 * 60 * 1000) });
    // The first run posts every part, then stops before it closes the window (killed there).
    const markDelivered = stores.targets.markDelivered;
    stores.targets.markDelivered = async () => {
      throw new Error('killed before closing the window');
    };
    const posts = slack.posts.length;
    try {
      expect((await run('digest')).code).toBe(1);
    } finally {
      stores.targets.markDelivered = markDelivered;
    }
    expect(slack.posts.length).toBe(posts + 1);

    const again = await run('digest', '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out) as { messagesSent: number; targets: Array<{ targetId: string; status: string; parts: number; alreadyDelivered: number }> };
    expect(report.messagesSent).toBe(0);
    expect(report.targets.find((t) => t.targetId === 'slack:C0001')).toMatchObject({ status: 'delivered', parts: 1, alreadyDelivered: 1 });
    expect(slack.posts.length).toBe(posts + 1);
    expect((await stores.targets.get('slack:C0001'))!.lastDigestAt).toEqual(slot);

    // The same in words, and a run that posts a digest itself says nothing of the kind.
    await stores.targets.upsert({ ...(await stores.targets.get('slack:C0001'))!, lastDigestAt: null });
    const text = await run('digest');
    expect(text.err).toContain('slack:C0001 already delivered: 1 paper in 1 message — posted by an earlier run, 0 new messages now');
    expect(slack.posts.length).toBe(posts + 1);
    const since = new Date(slot.getTime() - 2 * 60 * 60 * 1000).toISOString();
    const resent = await run('digest', '--target', 'slack:C0001', '--since', since, '--resend');
    expect(resent.err).toMatch(/^slack:C0001 delivered: \d+ papers? in 1 message$/m);
    expect(slack.posts.length).toBe(posts + 2);
  });

  it('a due target on a platform with no token is named with the setting and not sent; the others are delivered; exit 1 until it is set or removed', async () => {
    const slot = latestSlot({ time: '09:00', timeZone: 'UTC', weekdaysOnly: false }, new Date());
    const seen = new Date(slot.getTime() - 30 * 60 * 1000);
    await stores.papers.upsertMany([{ arxivId: '2611.44444', source: 'hf', title: 'Neural audio codec tokens for speech language models', abstract: 'A neural audio codec with residual vector quantization.', publishedAt: seen }], seen);
    const due = { time: '09:00', timeZone: 'UTC', weekdaysOnly: false, weeklyOn: null, lastDigestAt: null, rescheduledAt: null, digestFrom: new Date(seen.getTime() - 60 * 1000) };
    // The console (always configured) and a Discord DM (no DISCORD_TOKEN here), both due.
    expect((await run('channel', 'add', 'discord:user:223456789012345678', '--topic', 'audio-codecs')).code).toBe(0);
    await stores.targets.upsert({ id: 'console', platform: 'console', kind: 'console', maxPapers: 10, notifyEmpty: false, status: 'active', brokenReason: null, failureCount: 0, ...due });
    await stores.targets.upsert({ ...(await stores.targets.get('discord:223456789012345678'))!, ...due });

    const r = await run('digest');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^console delivered: \d+ papers? in 1 message$/m);
    expect(r.out).toContain('Neural audio codec tokens for speech language models');
    expect(r.err).toContain(
      'discord:223456789012345678 not sent — discord is not configured (no DISCORD_TOKEN); set it, or remove the target with `paperboy channel remove discord:223456789012345678`',
    );
    // Nothing was planned or recorded for it: once the token is set, its digest holds these papers.
    expect((await stores.targets.get('discord:223456789012345678'))!.lastDigestAt).toBeNull();
    expect(await stores.ledger.openDigests('discord:223456789012345678')).toEqual([]);
    const json = await run('digest', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as { targets: Array<{ targetId: string; status: string; error: string | null }> };
    expect(report.targets.find((t) => t.targetId === 'discord:223456789012345678')).toMatchObject({ status: 'no-notifier', error: expect.stringContaining('no DISCORD_TOKEN') });

    // Removed (or, as another Discord target here, not due), it is no failure.
    expect((await run('channel', 'remove', 'discord:223456789012345678')).code).toBe(0);
    const clean = await run('digest');
    expect(clean.code).toBe(0);
    expect(clean.err).toMatch(/^discord:123456789012345678 not due yet$/m);
    expect(clean.err).not.toContain('not configured');
    // The help says what exit 1 covers.
    expect((await run('digest', '--help')).out.replace(/\s+/g, ' ')).toContain('1 when a target failed, was refused, or is due on a platform this configuration has no token for');
  });

  it('Slack out of reach: the run says so plainly, and that nothing was posted or recorded as sent; exit 1', async () => {
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    await stores.papers.upsertMany([{ arxivId: '2611.55555', source: 'hf', title: 'A neural audio codec for speech at 1 kbps', abstract: 'A neural audio codec with residual vector quantization.', publishedAt: seen }], seen);
    expect((await run('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs')).code).toBe(0);
    const port = await closedPort();
    slackApiUrl = `http://127.0.0.1:${port}/api/`;
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    const before = (await stores.targets.get('slack:C0001'))!.lastDigestAt;
    const r = await run('digest', '--target', 'slack:C0001', '--since', since);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`slack:C0001 not sent: 1 paper in 1 message — could not reach Slack: connection refused by 127.0.0.1:${port}; nothing was posted, the next run tries again`);
    expect(r.err).not.toContain('history lookup');
    expect((await stores.targets.get('slack:C0001'))!.lastDigestAt).toEqual(before);
    const [open] = await stores.ledger.openDigests('slack:C0001');
    expect(open!.parts.map((p) => [p.status, p.platformMessageId])).toEqual([['failed', null]]);
    const json = JSON.parse((await run('digest', '--target', 'slack:C0001', '--json')).out) as { targets: Array<{ status: string; parts: number; unsent: number; error: string }> };
    expect(json.targets[0]).toMatchObject({ status: 'failed', parts: 1, unsent: 1, error: `could not reach Slack: connection refused by 127.0.0.1:${port}` });
  }, 60_000);

  it('channel list names a digest waiting to be sent (how much of it, why, and when it is retried), in text and --json', async () => {
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    await stores.papers.upsertMany(
      [
        { arxivId: '2611.66661', source: 'hf', title: 'A neural audio codec with residual vector quantization at 3 kbps', abstract: 'A neural audio codec with residual vector quantization.', publishedAt: seen },
        { arxivId: '2611.66662', source: 'hf', title: 'Neural audio codec tokens for speech language models', abstract: 'A neural audio codec with residual vector quantization for speech tokens.', publishedAt: seen },
      ],
      seen,
    );
    // Threaded: a header and a reply per paper, three messages. Slack takes the header and refuses the first reply.
    expect((await run('channel', 'add', 'slack:C0002', '--topic', 'audio-codecs', '--threads', '--tz', 'Europe/Berlin')).code).toBe(0);
    slack.fail('chat.postMessage', [{ kind: 'none' }, { kind: 'error', error: 'not_in_channel' }]);
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    const sent = await run('digest', '--target', 'slack:C0002', '--since', since);
    // Earlier tests' papers are in the window too: a header and one reply per paper.
    const m = /^slack:C0002 rejected by the platform: (\d+) papers in (\d+) messages — not_in_channel; 1 of \2 messages posted, tried again after a pause \(now with `paperboy digest --target slack:C0002`\)$/m.exec(sent.err);
    expect(m, sent.err).not.toBeNull();
    const parts = Number(m![2]);
    expect(parts).toBe(Number(m![1]) + 1);
    const [open] = await stores.ledger.openDigests('slack:C0002');
    const when = localTimeText(open!.windowEnd, 'Europe/Berlin');

    const text = await run('channel', 'list');
    const block = text.out.slice(text.out.indexOf('slack:C0002'));
    expect(block).toMatch(new RegExp(`^ {4}waiting: digest of ${when}: ${parts - 1} of ${parts} messages unsent \\(not_in_channel\\); retried from .+ Europe/Berlin$`, 'm'));
    const json = JSON.parse((await run('channel', 'list', '--json')).out) as Array<{ id: string; waiting: unknown[] }>;
    expect(json.find((t) => t.id === 'slack:C0002')!.waiting).toEqual([{ windowEnd: open!.windowEnd.toISOString(), parts, unsent: parts - 1, lastError: 'not_in_channel' }]);
    // A target with nothing waiting says nothing of it (and [] in JSON).
    expect(json.filter((t) => t.id !== 'slack:C0002' && t.id !== 'slack:C0001').every((t) => Array.isArray(t.waiting) && t.waiting.length === 0)).toBe(true);

    // Sent in full at the next run (the target asked for by hand, whatever its pause), it waits no more.
    expect((await run('digest', '--target', 'slack:C0002')).code).toBe(0);
    const after = (await run('channel', 'list')).out;
    expect(after.slice(after.indexOf('slack:C0002'))).not.toContain('waiting');
  });

  it('a target pausing after a refusal says when its digest is tried again and how to send it now', async () => {
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    await stores.papers.upsertMany([{ arxivId: '2611.77771', source: 'hf', title: 'Neural audio codec distillation for on-device speech', abstract: 'A neural audio codec with residual vector quantization.', publishedAt: seen }], seen);
    expect((await run('channel', 'add', 'slack:C0002', '--topic', 'audio-codecs')).code).toBe(0);
    slack.fail('chat.postMessage', [{ kind: 'error', error: 'not_in_channel' }]);
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    expect((await run('digest', '--target', 'slack:C0002', '--since', since)).err).toMatch(/^slack:C0002 rejected by the platform: .* — not_in_channel; nothing was posted, tried again after a pause \(now with `paperboy digest --target slack:C0002`\)$/m);
    // The scheduler's run (every due target and open digest) leaves it for its pause.
    const r = await run('digest');
    expect(r.err).toMatch(/^slack:C0002 waiting after refused attempts: \d+ papers? \(resumed\) — retried in about 1 minute, or now with `paperboy digest --target slack:C0002`$/m);
    expect((await run('digest', '--target', 'slack:C0002')).err).toMatch(/^slack:C0002 delivered: .*\(resumed\)$/m);
  });

  it('the refusal that marks a target broken says so in the run\'s own line and --json, with how to start it again', async () => {
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    await stores.papers.upsertMany([{ arxivId: '2611.88881', source: 'hf', title: 'Neural audio codec pruning for hearing aids', abstract: 'A neural audio codec with residual vector quantization.', publishedAt: seen }], seen);
    expect((await run('channel', 'add', 'slack:C0003', '--topic', 'audio-codecs')).code).toBe(0);
    slack.fail('chat.postMessage', [{ kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'channel_not_found' }]);
    const since = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    for (let i = 0; i < 2; i++) expect((await run('digest', '--target', 'slack:C0003', '--since', since)).err).not.toContain('marked broken');
    const third = await run('digest', '--target', 'slack:C0003', '--since', since, '--json');
    const json = JSON.parse(third.out) as { targets: Array<{ targetId: string; status: string; markedBroken: boolean }> };
    expect(json.targets.find((t) => t.targetId === 'slack:C0003')).toMatchObject({ status: 'rejected', markedBroken: true });
    expect((await stores.targets.get('slack:C0003'))!.status).toBe('broken');
    // Started again by hand, refused once more: the text line says it.
    expect((await run('channel', 'add', 'slack:C0003')).code).toBe(0);
    slack.fail('chat.postMessage', [{ kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'channel_not_found' }, { kind: 'error', error: 'channel_not_found' }]);
    let last = '';
    for (let i = 0; i < 3; i++) last = (await run('digest', '--target', 'slack:C0003', '--since', since)).err;
    expect(last).toMatch(/^slack:C0003 rejected by the platform: .* — channel_not_found; nothing was posted — the target is now marked broken after repeated refusals, and no digest is tried for it: invite the bot or fix its access, then `paperboy channel add slack:C0003` starts it again \(or `paperboy channel remove slack:C0003`\)$/m);
  });
});

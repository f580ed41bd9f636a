/**
 * The platform-neutral handler: a parsed Command plus who asked → a Reply. It never throws:
 * a failing or hanging core (database down) becomes an apology within `timeoutMs`, so the
 * user is never left with a chat client's timeout.
 */
import { USAGE, type ChannelSchedule, type Command, type ParseOutcome } from './command.js';
import { cadenceText } from '../../core/digest/schedule.js';
import { runFollowCommand } from './follow-command.js';
import { helpReply } from './help.js';
import { runSaved } from './handle-saved.js';
import { runTargetOptionsCommand } from './target-options-command.js';
import type { Limiter } from './limiter.js';
import { ephemeral, paperButtons, type Reply, type ReplyBlock, type ReplyButton } from './reply.js';
import { SUBSCRIBE_PREVIEW_DAYS, type ChatActor, type CommandServices, type SubscriptionChange, type TopicInfo } from './services.js';

export interface HandlerDeps {
  services: CommandServices;
  /** Give up on the core after this long and apologise. */
  timeoutMs?: number;
  /** Called with failures that became apologies (logging). */
  onError?: (err: unknown, command: Command) => void;
  /** Results per search; small enough that every platform shows them with buttons. */
  searchLimit?: number;
  /** Runs core work with bounded concurrency (see limiter.ts); default: run at once. */
  limit?: Limiter;
}

export const APOLOGY =
  // Not "nothing was changed": a timed-out write may still land after we give up.
  "Sorry — paperboy can't reach its database (or the chat platform) right now. Please try again in a minute.";

class Timeout extends Error {
  constructor(ms: number) {
    super(`core did not answer within ${ms} ms`);
  }
}

export function limited<T>(deps: HandlerDeps, work: () => Promise<T>): Promise<T> {
  return deps.limit ? deps.limit(work) : work();
}

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Answer anything the parser produced. */
export async function handleParsed(outcome: ParseOutcome, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (outcome.status === 'unknown') return helpReply(outcome.word);
  if (outcome.status === 'invalid') return ephemeral(`${outcome.message}\nUsage: ${outcome.usage}`);
  return handleCommand(outcome.command, actor, deps);
}

export async function handleCommand(command: Command, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  try {
    // The timeout covers the core call, not the wait for a slot: load is not an outage.
    return await limited(deps, () => withTimeout(run(command, actor, deps), deps.timeoutMs ?? 8000));
  } catch (err) {
    deps.onError?.(err, command);
    return ephemeral(APOLOGY);
  }
}

/** 'at 09:00 UTC every day', 'weekly on Monday at 09:00 Europe/Berlin (the week's best papers)'. */
function scheduleText(s: Required<ChannelSchedule>, sep = ' '): string {
  const cadence = cadenceText(s);
  const at = `at ${s.time} ${s.timeZone}`;
  if (s.weeklyOn !== null) return `${cadence} ${at} (the week's best papers)`;
  return `${at}${sep}${cadence === 'weekdays' && sep === ' ' ? 'on weekdays' : cadence}`;
}

function topicList(topics: TopicInfo[]): string {
  return topics.map((t) => `• ${t.name} (${t.slug})`).join('\n');
}

function suggestionReply(text: string, suggestions: TopicInfo[], kind: 'user' | 'channel'): Reply {
  if (suggestions.length === 0) return ephemeral(`${text} \`/papers topics\` lists every topic.`);
  const label = kind === 'user' ? 'Subscribe' : 'Subscribe channel';
  const blocks: ReplyBlock[] = [{ type: 'text', text: `${text} Did you mean:` }, { type: 'text', text: topicList(suggestions) }];
  // Buttons subscribe the caller; a channel change must go through the command again.
  if (kind === 'user') {
    blocks.push({
      type: 'buttons',
      buttons: suggestions.slice(0, 3).map((t) => ({ label: `${label}: ${t.name}`, action: { kind: 'subscribe', topicSlug: t.slug } })),
    });
  }
  return ephemeral(`${text} Did you mean: ${suggestions.map((t) => t.name).join(', ')}?`, blocks);
}

function subscribedReply(change: Extract<SubscriptionChange, { status: 'subscribed' }>, whose: 'You' | 'This channel'): Reply {
  const first = `${whose} will get “${change.topic.name}” in the daily digest${change.created ? ' (a new topic, matched from its words)' : ''}.`;
  const blocks: ReplyBlock[] = [{ type: 'text', text: first }];
  if (change.broader) {
    blocks.push({ type: 'context', text: `“${change.topic.name}” is narrower than the built-in topic “${change.broader.name}”; your marks teach only yours.` });
    if (whose === 'You') blocks.push({ type: 'buttons', buttons: [{ label: `Subscribe: ${change.broader.name}`, action: { kind: 'subscribe', topicSlug: change.broader.slug } }] });
  }
  const preview = change.preview ?? [];
  if (preview.length) {
    blocks.push({ type: 'header', text: `Best matches of the last ${SUBSCRIBE_PREVIEW_DAYS} days: 👍 or 👎 teaches the topic` });
    for (const item of preview) blocks.push({ type: 'paper', paper: item.paper, note: item.why, buttons: paperButtons(item.paper, item.topicSlug) });
  } else if (change.preview) {
    blocks.push({ type: 'context', text: `No stored paper of the last ${SUBSCRIBE_PREVIEW_DAYS} days matches it yet; new ones will come in the digest.` });
  }
  const text = preview.length ? `${first} Best matches: ${preview.map((i) => i.paper.title).join('; ')}` : first;
  return ephemeral(text, blocks);
}

/** Words for every outcome of a subscription change; `whose` is "You" or "This channel". */
export function describeChange(change: SubscriptionChange, whose: 'You' | 'This channel', typed: string, subscribing = false): Reply {
  switch (change.status) {
    case 'subscribed':
      return subscribedReply(change, whose);
    case 'already-subscribed':
      return ephemeral(`${whose} already follow${whose === 'You' ? '' : 's'} “${change.topic.name}”.`);
    case 'unsubscribed':
      return ephemeral(`${whose} will no longer get “${change.topic.name}”.`);
    case 'not-subscribed':
      return ephemeral(`${whose} ${whose === 'You' ? "don't" : "doesn't"} follow “${change.topic.name}”.`);
    case 'unknown-topic': {
      const quoteHint = whose === 'You' ? `/papers subscribe "${typed}"` : `/papers channel subscribe "${typed}"`;
      const text = subscribing && change.suggestions.length ? `There is no topic “${typed}” (to create it as typed, put it in quotes: ${quoteHint}).` : `There is no topic “${typed}”.`;
      return suggestionReply(text, change.suggestions, whose === 'You' ? 'user' : 'channel');
    }
    case 'forbidden':
      return ephemeral(`You can't do that: ${change.reason}`);
    case 'invalid':
      return ephemeral(change.message);
  }
}

const NOT_MANAGER =
  "Only people who may manage this channel can change its digest (Slack: workspace admins/owners or the configured managers; Discord: Manage Channels).";
const NOT_A_CHANNEL = 'Channel commands work in a channel, not in a direct message. Use `/papers subscribe` for yourself.';

async function run(command: Command, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const { services } = deps;
  switch (command.kind) {
    case 'help':
      return helpReply();
    case 'search':
      return search(command.query, actor, deps);
    case 'topics': {
      const topics = await services.listTopics();
      if (topics.length === 0) return ephemeral('There are no topics yet. `/papers subscribe <words>` needs a topic to exist first.');
      const text = topics.map((t) => `• ${t.name} (${t.slug}) — ${t.description}`).join('\n');
      return ephemeral(`${topics.length} topics:\n${text}`, [
        { type: 'header', text: `${topics.length} topics` },
        { type: 'text', text },
      ]);
    }
    case 'subscribe':
    case 'unsubscribe': {
      const create = command.kind === 'subscribe' ? (command.quoted ? ('always' as const) : ('unless-typo' as const)) : undefined;
      const req = { subscriber: actor.userId, kind: 'user' as const, topic: command.topic, actor: { id: actor.userId, mayManageChannel: false }, create };
      const change = command.kind === 'subscribe' ? await services.subscribe(req) : await services.unsubscribe(req);
      return describeChange(change, 'You', command.topic, command.kind === 'subscribe');
    }
    case 'subscriptions': {
      const subs = await services.listSubscriptions(actor.userId);
      if (subs.length === 0) return ephemeral("You don't follow any topic yet. `/papers topics` lists them; `/papers subscribe <topic>` adds one.");
      return ephemeral(`You follow ${subs.length} topic${subs.length === 1 ? '' : 's'}:\n${topicList(subs.map((s) => s.topic))}`, [
        { type: 'text', text: `You follow ${subs.length} topic${subs.length === 1 ? '' : 's'}:` },
        ...subs.map(
          (s): ReplyBlock => ({
            type: 'buttons',
            buttons: [{ label: `Unsubscribe: ${s.topic.name}`, action: { kind: 'unsubscribe', topicSlug: s.topic.slug }, style: 'danger' }],
          }),
        ),
      ]);
    }
    case 'digest':
      return digestPreview(actor, deps);
    case 'follow-author':
    case 'unfollow-author':
    case 'follow-list':
      return runFollowCommand(command, actor.userId, services.follows);
    case 'channel-threads':
    case 'channel-language':
    case 'language':
      return runTargetOptionsCommand(command, actor, services.targetOptions);
    case 'schedule': {
      // The caller's own digest, delivered by DM: theirs to set, wherever they ask from.
      const change = await services.setChannelSchedule({ channel: actor.userId, kind: 'user', schedule: command.schedule, actor: { id: actor.userId, mayManageChannel: true } });
      if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
      if (change.status === 'invalid') return ephemeral(`${change.message}\nUsage: ${USAGE.schedule}`);
      return ephemeral(`Your personal digest now comes ${scheduleText(change.schedule)}.`);
    }
    case 'channel-subscribe':
    case 'channel-unsubscribe':
    case 'channel-schedule': {
      if (!actor.channelId) return ephemeral(NOT_A_CHANNEL);
      if (!(await actor.mayManageChannel())) return ephemeral(NOT_MANAGER);
      const who = { id: actor.userId, mayManageChannel: true };
      if (command.kind === 'channel-schedule') {
        const change = await services.setChannelSchedule({ channel: actor.channelId, schedule: command.schedule, actor: who });
        if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
        if (change.status === 'invalid') return ephemeral(`${change.message}\nUsage: ${USAGE.channelSchedule}`);
        return ephemeral(`This channel's digest now comes ${scheduleText(change.schedule)}.`);
      }
      const create = command.kind === 'channel-subscribe' ? (command.quoted ? ('always' as const) : ('unless-typo' as const)) : undefined;
      const req = { subscriber: actor.channelId, kind: 'channel' as const, topic: command.topic, actor: who, create };
      const change = command.kind === 'channel-subscribe' ? await services.subscribe(req) : await services.unsubscribe(req);
      return describeChange(change, 'This channel', command.topic, command.kind === 'channel-subscribe');
    }
    case 'saved':
    case 'saved-add':
    case 'saved-remove':
    case 'saved-export':
      return runSaved(command, actor, deps);
    case 'channel-list': {
      if (!actor.channelId) return ephemeral(NOT_A_CHANNEL);
      const info = await services.channelInfo(actor.channelId);
      const when = info.schedule
        ? `Digest ${scheduleText(info.schedule, ', ')}.`
        : 'No digest schedule yet (the default time applies once a topic is added).';
      const topics = info.subscriptions.length
        ? `This channel follows:\n${topicList(info.subscriptions.map((s) => s.topic))}`
        : 'This channel follows no topic yet.';
      return ephemeral(`${topics}\n${when}`, [
        { type: 'text', text: topics },
        { type: 'context', text: when },
      ]);
    }
  }
}

async function search(query: string, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const { services } = deps;
  const [result, lookup, subs] = await Promise.all([
    services.search(query, deps.searchLimit ?? 5),
    services.findTopic(query),
    services.listSubscriptions(actor.userId),
  ]);
  // Feedback and "subscribe" only mean something when the query names a topic.
  const topic = lookup.status === 'found' ? lookup.topic : null;
  if (result.status === 'invalid') return ephemeral(`${result.message}\nUsage: ${USAGE.search}`);
  const hits = result.hits;
  if (hits.length === 0) {
    return ephemeral(`No papers match “${query}”. Try fewer or different words.`);
  }
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Papers for “${query}”` }];
  for (const hit of hits) {
    blocks.push({ type: 'paper', paper: hit.paper, note: hit.paper.summary, buttons: paperButtons(hit.paper, topic?.slug ?? null) });
  }
  const followed = topic !== null && subs.some((s) => s.topic.slug === topic.slug);
  if (topic && !followed) {
    const button: ReplyButton = { label: `Subscribe to ${topic.name}`, action: { kind: 'subscribe', topicSlug: topic.slug }, style: 'primary' };
    blocks.push({ type: 'buttons', buttons: [button] });
  }
  const text = `${hits.length} paper${hits.length === 1 ? '' : 's'} for “${query}”: ${hits.map((h) => h.paper.title).join('; ')}`;
  return { visibility: 'ephemeral', text, blocks };
}

async function digestPreview(actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const preview = await deps.services.previewDigest(actor.userId);
  if (preview.status === 'no-subscriptions') {
    return ephemeral("You don't follow any topic yet, so there is no digest. `/papers topics`, then `/papers subscribe <topic>`.");
  }
  if (preview.items.length === 0) return ephemeral('Nothing new on your topics since your last digest.');
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Your digest preview: ${preview.items.length} paper${preview.items.length === 1 ? '' : 's'}` }];
  for (const item of preview.items) {
    blocks.push({ type: 'paper', paper: item.paper, note: `${item.topicSlug}: ${item.why}`, buttons: paperButtons(item.paper, item.topicSlug) });
  }
  return { visibility: 'ephemeral', text: `Your digest preview: ${preview.items.map((i) => i.paper.title).join('; ')}`, blocks };
}

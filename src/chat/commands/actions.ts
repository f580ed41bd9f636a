/**
 * Button presses, platform-neutral: feedback that trains a topic, subscribe/unsubscribe
 * for the person who pressed (never for someone else: the subscriber is always the presser),
 * and a long list's page buttons, which redraw it as the presser sees it.
 */
import { APOLOGY, limited, withCoreTimeout } from './handle.js';
import { describeChange } from './handlers/describe-change.js';
import { withOwnDigestNote } from './handlers/subscribe.js';
import type { HandlerDeps } from './handlers/handler-deps.js';
import { ephemeral, withLine, type ButtonAction, type Reply } from './reply.js';
import type { ChatActor } from './services.js';
import { runSavedButton, savedListPage } from './handle-saved.js';
import { subscriptions } from './handlers/subscriptions.js';
import { topics } from './handlers/topics.js';
import { channelList } from './handlers/channel-list.js';

/** A button the bot answers when pressed: any but a link, which the platform opens itself. */
export type PressedButton = Exclude<ButtonAction, { kind: 'open' | 'pdf' }>;

/** True for a press answered by redrawing the list it sits in: a page button, or a Remove on a reading list's page. */
export function redrawsList(pressed: PressedButton | null): boolean {
  return pressed?.kind === 'page' || (pressed?.kind === 'unsave' && pressed.page !== undefined);
}

export async function handleButton(pressed: PressedButton, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  try {
    return await limited(deps, () => withCoreTimeout(runButton(pressed, actor, deps), deps.timeoutMs ?? 8000));
  } catch (err) {
    deps.onError?.(err, { kind: 'help' });
    return ephemeral(APOLOGY);
  }
}

/** A recorded verdict as its button shows it (a 'clear' is never recorded). */
const emoji = (verdict: 'up' | 'down' | 'clear') => (verdict === 'up' ? '👍' : '👎');

async function runButton(pressed: PressedButton, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const { services } = deps;
  switch (pressed.kind) {
    case 'feedback': {
      const outcome = await services.recordFeedback({
        topicSlug: pressed.topicSlug,
        arxivId: pressed.arxivId,
        actor: actor.userId,
        verdict: pressed.verdict,
      });
      if (outcome.status === 'unknown-topic') {
        // An Undo keeps nothing either way: the marks were removed with the topic.
        return ephemeral(pressed.verdict === 'clear' ? 'That topic no longer exists: its marks, yours too, went with it.' : 'That topic no longer exists, so the feedback was not kept.');
      }
      if (outcome.status === 'unknown-paper') return ephemeral("I don't know that paper any more, so the feedback was not kept.");
      if (outcome.status === 'cleared') return ephemeral(`Your ${emoji(outcome.verdict)} on this paper is taken back: “${outcome.topic.name}” matches it as if you had never marked it.`);
      if (outcome.status === 'not-marked') return ephemeral(`You have no mark on this paper for “${outcome.topic.name}” (taken back already?).`);
      const mark = emoji(pressed.verdict);
      const ranks = `“${outcome.topic.name}” will rank papers like this ${pressed.verdict === 'up' ? 'higher' : 'lower'}, for everyone who follows it.`;
      const thanks = outcome.again
        ? `You had marked this paper ${mark} for “${outcome.topic.name}” already; it stays so.`
        : outcome.replaced
          ? `Your ${emoji(outcome.replaced)} on this paper is now ${mark}: ${ranks}`
          : `Thanks — ${ranks}`;
      // A mis-click is taken back where it was made, not with a command to look up.
      return ephemeral(thanks, [
        { type: 'text', text: thanks },
        { type: 'buttons', buttons: [{ label: 'Undo', action: { kind: 'feedback', verdict: 'clear', topicSlug: pressed.topicSlug, arxivId: pressed.arxivId } }] },
      ]);
    }
    case 'subscribe':
    case 'unsubscribe': {
      const req = { subscriber: actor.userId, kind: 'user' as const, topic: pressed.topicSlug, actor: { id: actor.userId, mayManageChannel: false } };
      const change = pressed.kind === 'subscribe' ? await services.subscribe(req) : await services.unsubscribe(req);
      // A button names a topic that existed when its message was sent: "no topic “<slug>”" read as a typo of the user's.
      if (change.status === 'unknown-topic') {
        return ephemeral(pressed.kind === 'subscribe' ? 'That topic no longer exists, so it cannot be followed. `/papers topics` lists the topics there are.' : 'That topic no longer exists: removing it ended every subscription to it, yours too.');
      }
      const reply = withOwnDigestNote(describeChange(change, 'You', pressed.topicSlug, actor.platform, pressed.kind === 'subscribe'), change, actor);
      if (pressed.kind !== 'subscribe' || !pressed.instead || (change.status !== 'subscribed' && change.status !== 'already-subscribed')) return reply;
      // Picking the built-in is choosing it over the phrase: following both would bring the same papers twice.
      const dropped = await services.unsubscribe({ ...req, topic: pressed.instead });
      return dropped.status === 'unsubscribed' ? withLine(reply, `You follow it instead of “${dropped.topic.name}”, which you no longer get.`) : reply;
    }
    case 'save':
    case 'unsave':
      return runSavedButton(pressed, actor, deps);
    case 'page': {
      const list = { subscriptions, topics, 'channel-list': channelList, saved: savedListPage('user'), 'channel-saved': savedListPage('channel') }[pressed.list];
      return list({ page: pressed.page, ...(pressed.filter ? { filter: pressed.filter } : {}) }, actor, deps);
    }
  }
}

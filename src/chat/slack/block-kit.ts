/**
 * The Block Kit pieces digests and command replies share: the block types, the one mrkdwn text
 * object, and the one button encoder (action ids and values the handlers in `actions/` parse).
 */
import type { ButtonAction, ReplyButton } from '../commands/reply.js';
import { oneLine, safeUrl, truncate } from '../text/clean.js';
import { SLACK_LIMITS } from './render-limits.js';

/**
 * A mrkdwn text object always carries `verbatim: true`. Slack's text-object reference: with the
 * default `false` "URLs will be auto-converted into links, conversation names will be link-ified,
 * and certain mentions will be automatically parsed"; with `true` Slack still renders markdown
 * and manual parsing strings (our own `<url|label>`) "but it won't modify any plain-text
 * content". Escaping `&<>` stops `<!here>`-style syntax; verbatim stops a literal `@here`,
 * `@channel` or `#general` in a paper's text from being parsed.
 */
export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}

export function mrkdwn(text: string): SlackMrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

export type SlackTextObject = { type: 'plain_text'; text: string; emoji?: boolean } | SlackMrkdwn;
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; block_id?: string; text: SlackTextObject }
  | { type: 'context'; elements: SlackTextObject[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] };

export interface SlackButton {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string; emoji: boolean };
  url?: string;
  value?: string;
  style?: 'primary' | 'danger';
}

/**
 * Action ids the interactive handlers listen for. Feedback values are `topicSlug|arxivId`;
 * subscribe ids carry the slug as a suffix so several can share one actions block, and their
 * values are the slug, or `slug|instead` for one that replaces a subscription; reading-list
 * values are `user|arxivId` or `channel|arxivId` (a Remove on a list's page adds `|page`); a
 * list's page buttons carry `list|page|words`.
 */
export const SLACK_ACTIONS = {
  open: 'paper_open',
  pdf: 'paper_pdf',
  up: 'feedback_up',
  down: 'feedback_down',
  clear: 'feedback_clear',
  subscribe: 'topic_subscribe',
  unsubscribe: 'topic_unsubscribe',
  save: 'paper_save',
  unsave: 'paper_unsave',
  page: 'list_page',
} as const;

function encode(action: ButtonAction): { action_id: string; value: string; url?: string } {
  switch (action.kind) {
    case 'open':
      return { action_id: SLACK_ACTIONS.open, value: `|${action.arxivId}`, url: action.url };
    case 'pdf':
      return { action_id: SLACK_ACTIONS.pdf, value: `|${action.arxivId}`, url: action.url };
    case 'feedback':
      return { action_id: SLACK_ACTIONS[action.verdict], value: `${action.topicSlug}|${action.arxivId}` };
    case 'subscribe':
    case 'unsubscribe':
      // A slug holds no `|` (slugify keeps letters, digits and '-'): `slug|instead` splits back unambiguously.
      return { action_id: `${SLACK_ACTIONS[action.kind]}:${action.topicSlug}`.slice(0, SLACK_LIMITS.actionId), value: action.kind === 'subscribe' && action.instead ? `${action.topicSlug}|${action.instead}` : action.topicSlug };
    case 'save':
      return { action_id: SLACK_ACTIONS.save, value: `${action.list}|${action.arxivId}` };
    case 'unsave':
      return { action_id: SLACK_ACTIONS.unsave, value: `${action.list}|${action.arxivId}${action.page === undefined ? '' : `|${action.page}`}` };
    case 'page':
      // The page in the id too: Previous and Next share a block, and ids in a message are unique.
      return { action_id: `${SLACK_ACTIONS.page}:${action.list}:${action.page}`, value: `${action.list}|${action.page}|${action.filter ?? ''}` };
  }
}

/**
 * The button for a neutral action; null when its URL is unsafe, its value too long to keep whole,
 * or its label blank once cleaned (a button's text is 1 to 75 characters).
 */
export function slackButton(button: ReplyButton): SlackButton | null {
  const { action_id, value, url } = encode(button.action);
  const label = truncate(oneLine(button.label), SLACK_LIMITS.buttonText);
  if (value.length > SLACK_LIMITS.buttonValue || !label) return null;
  const out: SlackButton = { type: 'button', action_id, text: { type: 'plain_text', text: label, emoji: true }, value };
  if (url !== undefined) {
    const safe = safeUrl(url, SLACK_LIMITS.buttonUrl);
    if (!safe) return null;
    out.url = safe;
  }
  if (button.style) out.style = button.style;
  return out;
}

/** An actions block for these buttons (at most Slack's 25 elements), or none when all were dropped. */
export function slackActions(buttons: readonly ReplyButton[], blockId?: string): SlackBlock[] {
  const elements = buttons.map(slackButton).filter((b): b is SlackButton => b !== null).slice(0, SLACK_LIMITS.actionsElements);
  if (!elements.length) return [];
  return [{ type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements }];
}

/** Characters Slack counts against a message: every text and URL in the blocks. */
export function slackBlockChars(blocks: readonly SlackBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'header' || b.type === 'section') n += b.text.text.length;
    else if (b.type === 'context') for (const e of b.elements) n += e.text.length;
    else if (b.type === 'actions') for (const e of b.elements) n += e.text.text.length + (e.url?.length ?? 0) + (e.value?.length ?? 0);
  }
  return n;
}

/**
 * Discord's HTTP interactions endpoint (for deployments without a gateway connection):
 * ed25519-verified with node:crypto, PING → PONG, commands deferred and finished through the
 * interaction webhook, autocomplete answered inline. Same handlers as the gateway path.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { RequestListener, ServerResponse } from 'node:http';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  REST,
  Routes,
  type APIApplicationCommandInteractionDataOption,
} from 'discord.js';
import type { HandlerDeps } from '../commands/handle.js';
import type { Logger } from '../../core/ports.js';
import { COMMAND_NAME } from './commands/definition.js';
import { answerButton, answerCommand, answersAtOnce, choicesAmong, parseDiscordCommand, redrawsMessage, topicChoices, type DiscordCaller } from './commands/dispatch.js';
import type { DiscordMessage } from './components.js';
import { parsePermissions } from './permissions.js';
import { createBotNameLookup } from './bot-name.js';
import type { RejectionReporter, RejectReason } from '../../http/rejections.js';
import { readLimitedBody } from '../../http/read-body.js';
import { describeError } from '../../core/error-text.js';
import { answerRestInDm, dmSender, isExpiredToken } from './expired-answer.js';

const MAX_BODY = 1024 * 1024;
// SPKI DER header for a raw 32-byte Ed25519 public key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export function verifyDiscordSignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, rawBody: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

interface RawInteraction {
  type: number;
  id: string;
  application_id: string;
  token: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: { user: { id: string }; permissions?: string };
  /** The bot's permissions in the channel. */
  app_permissions?: string;
  user?: { id: string };
  data?: { name?: string; custom_id?: string; options?: APIApplicationCommandInteractionDataOption[] };
}

function caller(i: RawInteraction, botName?: string): DiscordCaller {
  return {
    ...(botName ? { botName } : {}),
    userId: i.member?.user.id ?? i.user?.id ?? 'unknown',
    channelId: i.channel_id ?? i.channel?.id ?? null,
    guildId: i.guild_id ?? null,
    permissions: parsePermissions(i.member?.permissions),
    appPermissions: parsePermissions(i.app_permissions),
  };
}

/** What the person asked, as Discord shows a command (`/papers search query:codec`), or the button. */
function askedText(i: RawInteraction): string {
  if (i.type !== InteractionType.ApplicationCommand) return 'the button you pressed';
  const { group, sub, values } = flattenOptions(i.data?.options);
  return [`/${i.data?.name ?? 'papers'}`, group, sub, ...Object.entries(values).map(([k, v]) => `${k}:${v}`)].filter(Boolean).join(' ');
}

/** Subcommand group, subcommand, and leaf option values (stringified), plus the focused one. */
export function flattenOptions(options: APIApplicationCommandInteractionDataOption[] = []): {
  group: string | null;
  sub: string;
  values: Record<string, string | undefined>;
  focused: { name: string; value: string } | null;
} {
  let group: string | null = null;
  let sub = '';
  let leaves = options;
  const first = options[0];
  if (first && first.type === 2) {
    group = first.name;
    const inner = first.options?.[0];
    sub = inner?.name ?? '';
    leaves = inner?.options ?? [];
  } else if (first && first.type === 1) {
    sub = first.name;
    leaves = first.options ?? [];
  }
  const values: Record<string, string | undefined> = {};
  let focused: { name: string; value: string } | null = null;
  for (const o of leaves) {
    if ('value' in o) {
      values[o.name] = String(o.value);
      if ('focused' in o && o.focused) focused = { name: o.name, value: String(o.value) };
    }
  }
  return { group, sub, values, focused };
}

export interface DiscordHttpOptions {
  publicKey: string;
  deps: HandlerDeps;
  logger: Logger;
  /** Base of the REST API for follow-ups (DISCORD_API_URL). */
  apiUrl: string;
  /** Counts and samples refused requests (forged signatures, oversized bodies). */
  onRejected?: RejectionReporter;
  /** The bot token (DISCORD_TOKEN), to learn the bot's name, which its role bears; without it replies say "the bot's role". */
  token?: string;
}

export function createDiscordInteractionsListener(options: DiscordHttpOptions): RequestListener {
  const key = discordPublicKey(options.publicKey);
  // Interaction webhooks are authorised by their token: no bot token needed. Sent with Node's
  // fetch: the REST client's own undici sends through the global dispatcher, which another
  // undici (Slack's socket mode imports v7) may have installed, and that one cannot read the
  // multipart body of an attachment ("action is not a function").
  const rest = new REST({ api: options.apiUrl, makeRequest: (url, init) => fetch(url, init as RequestInit) });
  const { deps, logger } = options;
  // With the bot token, an answer whose interaction token expired can still reach the person's DM.
  const botRest = options.token ? new REST({ api: options.apiUrl, makeRequest: (url, init) => fetch(url, init as RequestInit) }).setToken(options.token) : null;
  const botName = options.token ? createBotNameLookup({ token: options.token, apiUrl: options.apiUrl }) : null;
  // Deferred answers can wait for the name; one given at once takes it only when already known.
  const named = async (i: RawInteraction) => caller(i, await botName?.get());

  /** Sends one message through the interaction's webhook: the original response (PATCH), or a follow-up (POST). */
  const send = async (i: RawInteraction, message: DiscordMessage, as: 'original' | 'follow-up') => {
    // An edit keeps the flags the deferral set; a follow-up sets its own (ephemeral).
    const { flags, files, ...body } = message;
    // With files discord.js sends multipart: `payload_json` plus `files[n]`, which `attachments` names.
    const attachments = files?.map((f, id) => ({ id, filename: f.name }));
    const options = {
      body: { ...body, ...(attachments ? { attachments } : {}), ...(as === 'follow-up' && flags ? { flags } : {}) },
      ...(files ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) } : {}),
      auth: false,
    };
    if (as === 'original') await rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), options);
    else await rest.post(Routes.webhook(i.application_id, i.token), options);
  };

  /**
   * The answer's first message as the original response (unless the initial response carried it),
   * then the rest as follow-ups, in order. The first refusal ends them (the token expired after
   * 15 minutes, say): each later try would be one more invalid request counted against the bot.
   */
  const finish = async (i: RawInteraction, work: Promise<DiscordMessage[]>, originalSent = false) => {
    const messages = await work;
    for (const [n, message] of messages.entries()) {
      if (n === 0 && originalSent) continue;
      try {
        await send(i, message, n === 0 ? 'original' : 'follow-up');
      } catch (err) {
        // The token's 15 minutes ran out: what is left goes to the person's DM (expired-answer.ts).
        if (isExpiredToken(err) && botRest) return answerRestInDm(dmSender(botRest, caller(i).userId), askedText(i), messages.slice(n), err, logger);
        logger.warn({ err: describeError(err), message: n + 1, of: messages.length, asked: askedText(i).slice(0, 80) }, n === 0 ? 'discord: follow-up failed' : 'discord: a further message of the answer failed');
        return;
      }
    }
  };

  return (req, res) => {
    void (async () => {
      const refused = (reason: RejectReason) => options.onRejected?.('discord', reason);
      if (req.method !== 'POST') {
        refused('method');
        return json(res, 405, { error: 'method not allowed' });
      }
      const raw = await readLimitedBody(req, MAX_BODY);
      if (raw === null) {
        // Answered while the rest of the body is read and dropped, so the client sees the 413.
        refused('too-large');
        res.setHeader('connection', 'close');
        return json(res, 413, { error: 'body too large' });
      }
      const sig = req.headers['x-signature-ed25519'];
      const ts = req.headers['x-signature-timestamp'];
      if (!verifyDiscordSignature(key, typeof sig === 'string' ? sig : undefined, typeof ts === 'string' ? ts : undefined, raw)) {
        refused('signature');
        return json(res, 401, { error: 'invalid request signature' });
      }
      let i: RawInteraction;
      try {
        i = JSON.parse(raw.toString('utf8')) as RawInteraction;
      } catch {
        return json(res, 400, { error: 'bad json' });
      }
      // Signed JSON that is not an interaction object (`null`, a number, an array).
      if (typeof i !== 'object' || i === null || Array.isArray(i)) return json(res, 400, { error: 'not an interaction' });
      switch (i.type) {
        case InteractionType.Ping:
          return json(res, 200, { type: InteractionResponseType.Pong });
        case InteractionType.ApplicationCommandAutocomplete: {
          const { group, sub, focused } = flattenOptions(i.data?.options);
          const choices = focused ? await topicChoices(focused.value, deps, choicesAmong(group, sub, caller(i))) : [];
          return json(res, 200, { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
        }
        case InteractionType.ApplicationCommand: {
          if (i.data?.name !== COMMAND_NAME) return json(res, 400, { error: 'unknown command' });
          const { group, sub, values } = flattenOptions(i.data.options);
          const parsed = parseDiscordCommand({ ...caller(i), group, sub, options: values });
          if (answersAtOnce(parsed)) {
            const messages = await answerCommand(parsed, caller(i, botName?.known()), deps);
            json(res, 200, { type: InteractionResponseType.ChannelMessageWithSource, data: messages[0] });
            return finish(i, Promise.resolve(messages), true);
          }
          json(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
          return finish(i, named(i).then((who) => answerCommand(parsed, who, deps)));
        }
        case InteractionType.MessageComponent: {
          const customId = i.data?.custom_id ?? '';
          // A page button redraws the message it is on (its @original, once deferred so); any other answers in a message of its own.
          if (redrawsMessage(customId)) json(res, 200, { type: InteractionResponseType.DeferredMessageUpdate });
          else json(res, 200, { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
          return finish(i, named(i).then((who) => answerButton(customId, who, deps)));
        }
        default:
          return json(res, 400, { error: 'unsupported interaction type' });
      }
    })().catch((err: unknown) => {
      logger.error({ err: String(err) }, 'discord: interaction failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
    });
  };
}

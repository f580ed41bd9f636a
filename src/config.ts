/**
 * One validated schema over the environment (plus an optional `.env`). A bad value stops
 * start-up with one message naming every bad key. Every key is listed in `.env.example`.
 */
import { dirname } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { isTimeZone, parseTimeOfDay, zoneAsWritten } from './core/digest/schedule.js';
import { checkArxivCategories } from './core/papers/arxiv-categories.js';
import { parseDay } from './core/papers/ingest-dates.js';
import { redactUrl } from './core/redact-url.js';
import { DEFAULT_DATABASE_URL, databaseFileProblem, POSTGRES_URL } from './store/database-url.js';
import { nodeCron } from './node-cron.js';
import { editDistance, typoEdits } from './core/edit-distance.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const url = (fallback: string) => z.string().url().default(fallback);
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.string().url().optional());
const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
/**
 * A calendar date written YYYY-MM-DD that exists, as the CLI's and the search's dates are read
 * (ingest-dates.ts parseDay): '2026-13-45' matched the pattern and was taken as a holiday no day
 * could ever be.
 */
const isCalendarDate = (v: string) => parseDay(v).ok;

/**
 * A comma list whose every item passes `ok`; the items that do not are named in one message
 * (an array check reported "PAPERBOY_X.1: "undefined" …", the item's index and not its value).
 */
const checkedList = (fallback: string, ok: (item: string) => boolean, expected: string) =>
  list(fallback).transform((items, ctx) => {
    const bad = items.filter((item) => !ok(item));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `${bad.map((b) => `"${b}"`).join(', ')}: ${expected}` });
    return items;
  });
/** Spelt as IANA writes it, as chat and the CLI store a zone ('europe/berlin' was kept as typed and shown so in every schedule line). */
const timeZone = z.string().refine(isTimeZone, { message: 'not an IANA time zone (e.g. UTC, Europe/Berlin)' }).transform(zoneAsWritten);

/**
 * A cron expression node-cron accepts (5 fields, or 6 with seconds), checked before anything
 * starts. The defaults are known good and not checked again, so node-cron is required only when
 * a cron key is set: a one-off command that sets none does not load it.
 */
const cronExpression = (fallback: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      const check = nodeCron().validateDetailed(v);
      if (check.valid) return;
      const why = check.errors.map((e) => e.message).join('; ') || 'not a cron expression';
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a cron expression (${why}); e.g. "0 * * * *" for hourly` });
    })
    .default(fallback);

/**
 * Whether pg (pg-connection-string) can read a postgresql:// URL: WHATWG's parser, after
 * encoding spaces and stray %s, with a stand-in host for a socket URL (user@/db?host=/run/…).
 * A port that is no number or a password with an unencoded / or # passed the prefix check,
 * opened nothing and stopped start-up with "Invalid URL", naming no setting (exit 1, not 2).
 */
function readableByPg(url: string): boolean {
  const encoded = / |%(?![0-9a-f]{2})/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url;
  return URL.canParse(encoded) || URL.canParse(encoded.replace('@/', '@___DUMMY___/'));
}

/** What each Slack setting holds, and the other setting a token of the other kind belongs in. */
const SLACK_TOKENS = {
  bot: { key: 'SLACK_BOT_TOKEN', prefix: /^(xoxe\.)?xoxb-/, kind: 'bot token (xoxb-…, OAuth & Permissions → Bot User OAuth Token)' },
  app: { key: 'SLACK_APP_TOKEN', prefix: /^xapp-/, kind: 'app-level token (xapp-…, Basic Information → App-Level Tokens, scope connections:write)' },
} as const;

/**
 * A Slack token of the kind its setting names. The two swapped, or a user token (xoxp-) given
 * as the bot's, started the service, which then failed at Slack's first answer ("not_allowed_token_type",
 * a Socket Mode connection that never opened) with nothing naming the setting. The message names
 * only the token's kind, never its value.
 */
function slackToken(kind: keyof typeof SLACK_TOKENS) {
  const want = SLACK_TOKENS[kind];
  const other = SLACK_TOKENS[kind === 'bot' ? 'app' : 'bot'];
  return optionalString.superRefine((v, ctx) => {
    if (v === undefined || want.prefix.test(v)) return;
    const given = other.prefix.test(v) ? `${kind === 'bot' ? 'an app-level' : 'a bot'} token, which goes in ${other.key}` : `not a Slack ${kind === 'bot' ? 'bot' : 'app-level'} token`;
    ctx.addIssue({ code: 'custom', message: `${given}; ${want.key} is the ${want.kind}` });
  });
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `file:./data/paperboy.db` (SQLite, the embedded default) or `postgresql://…`. */
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((v) => v.startsWith('file:') || POSTGRES_URL.test(v), {
      message: 'must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    })
    .refine((v) => !POSTGRES_URL.test(v) || readableByPg(v), {
      message: 'is not a URL PostgreSQL\'s driver can read: the port must be a number, and / @ : # ? % in a user name or password must be percent-encoded (encodeURIComponent)',
    }),
  /** Local files (the search index snapshot); default: the SQLite database's folder, else ./data. */
  PAPERBOY_DATA_DIR: z.string().default('./data'),
  /**
   * Days of recent papers search keeps in memory (MiniSearch); older ones are answered by the
   * database's full-text index. 0 keeps every paper in memory (memory grows with the archive).
   */
  PAPERBOY_SEARCH_HOT_DAYS: int(30, 0, 36_500),
  /**
   * Most papers of that window search keeps in memory (about 5 KB each); past it only the
   * newest are, the rest answered by the database like older ones. 0: no cap.
   */
  PAPERBOY_SEARCH_HOT_MAX_PAPERS: int(20_000, 0, 10_000_000),
  PORT: int(3000, 0, 65535),
  /** Run the HTTP server (Slack events, Discord interactions, /healthz, /metrics). */
  PAPERBOY_HTTP: bool.prefault('true'),

  PAPERBOY_HF_API_URL: url('https://huggingface.co/api'),
  PAPERBOY_ARXIV_API_URL: url('https://export.arxiv.org/api'),
  PAPERBOY_ARXIV_RSS_URL: url('https://rss.arxiv.org'),
  /** arXiv categories (or archives, like cs) for the arxiv and rss sources, checked and spelt as arXiv spells them. */
  PAPERBOY_ARXIV_CATEGORIES: list('cs.CL,cs.LG,cs.AI,cs.CV,cs.SD,eess.AS').transform((names, ctx) => {
    const checked = checkArxivCategories(names);
    if (checked.ok) return checked.categories;
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  }),
  /** Milliseconds between arXiv API requests (their etiquette asks for 3 s). */
  PAPERBOY_ARXIV_DELAY_MS: int(3000),
  PAPERBOY_HTTP_TIMEOUT_MS: int(20_000, 100),
  PAPERBOY_HTTP_RETRIES: int(3, 0, 10),
  PAPERBOY_USER_AGENT: z.string().default('paperboy/0.1 (+https://github.com/paperboy)'),

  PAPERBOY_INGEST_CRON: cronExpression('0 * * * *'),
  PAPERBOY_INGEST_TZ: timeZone.default('UTC'),
  /**
   * Only the sources a schedule can run: a misspelt or unschedulable name ('hff', 'file') was
   * accepted here and only warned about at every ingest, while /healthz judged the others.
   */
  PAPERBOY_INGEST_SOURCES: checkedList('hf', (s) => ['hf', 'arxiv', 'rss'].includes(s), 'a schedule runs hf, arxiv and rss (feed and file are read with paperboy ingest)'),
  /** How often due digests are looked for. */
  PAPERBOY_DIGEST_CRON: cronExpression('* * * * *'),
  /** The same time-of-day rule as chat and the CLI: `9:00` is stored as `09:00`. */
  PAPERBOY_DIGEST_DEFAULT_TIME: z
    .string()
    .default('09:00')
    .transform((v, ctx) => parseTimeOfDay(v) ?? (ctx.addIssue({ code: 'custom', message: 'HH:MM, 24 h' }), z.NEVER)),
  PAPERBOY_DIGEST_DEFAULT_TZ: timeZone.default('UTC'),
  PAPERBOY_DIGEST_MAX_PAPERS: int(10, 1, 100),
  /** arXiv holidays (US Eastern dates, YYYY-MM-DD) beyond the built-in list (core/digest/arxiv-calendar.ts). */
  PAPERBOY_ARXIV_HOLIDAYS: checkedList('', isCalendarDate, 'not a date; dates as YYYY-MM-DD, comma-separated'),
  PAPERBOY_DELIVERY_CONCURRENCY: int(8, 1, 256),
  PAPERBOY_REPLICA_ID: optionalString,

  SLACK_BOT_TOKEN: slackToken('bot'),
  /** A token pasted here failed every Slack request's signature check: /papers never answered. */
  SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || !/^(xox[a-z]|xapp)-/.test(v), {
    message: 'a Slack token, not the signing secret (Basic Information → App Credentials → Signing Secret)',
  }),
  SLACK_APP_TOKEN: slackToken('app'),
  SLACK_API_URL: url('https://slack.com/api/'),
  /** Comma-separated Slack user ids that may manage any channel besides admins/owners. */
  SLACK_CHANNEL_MANAGERS: list(''),

  /** The portal's other two values pasted here started a gateway that only ever failed to log in. */
  DISCORD_TOKEN: optionalString.superRefine((v, ctx) => {
    const given = v === undefined ? null : /^\d+$/.test(v) ? 'the application id' : /^[0-9a-f]{64}$/i.test(v) ? 'the public key' : null;
    if (given) ctx.addIssue({ code: 'custom', message: `${given}, not the bot token (Developer Portal → Bot → Reset Token)` });
  }),
  DISCORD_APPLICATION_ID: optionalString.refine((v) => v === undefined || /^\d+$/.test(v), {
    message: 'not an application id: the digits of Application ID (Developer Portal → General Information)',
  }),
  DISCORD_PUBLIC_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex characters of "Public Key" in the Discord Developer Portal')
      .optional(),
  ),
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_GUILD_ID: optionalString,
  /** Connect to the gateway (needs DISCORD_TOKEN); off = HTTP interactions only. */
  DISCORD_GATEWAY: bool.prefault('true'),
  /** At start, re-register /papers when the registered one is missing or differs from ours (off: only `npm run discord:register`). */
  DISCORD_REGISTER_COMMANDS: bool.prefault('true'),
  /** 'auto' or a number of shards. */
  DISCORD_SHARDS: z.union([z.literal('auto'), z.coerce.number().int().min(1)]).default('auto'),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  PAPERBOY_SUMMARY_MODEL: z.string().default('gpt-4o-mini'),
  PAPERBOY_LLM_CONCURRENCY: int(4, 1, 64),
  /** Tokens per UTC day for summaries; past it summaries fall back to extractive. 0 = no limit. */
  PAPERBOY_LLM_DAILY_TOKEN_BUDGET: int(200_000),
  /** Dollars per million tokens, for the cost estimate in logs. */
  PAPERBOY_LLM_PRICE_PER_MTOK: z.coerce.number().min(0).default(0.3),
  /** Semantic matching layer: needs OPENAI_API_KEY. */
  PAPERBOY_EMBEDDINGS: bool.prefault('false'),
  PAPERBOY_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  /** The LLM decides papers near a topic's bar (core/topics/relevance-check.ts): needs OPENAI_API_KEY. */
  PAPERBOY_LLM_CHECK: bool.prefault('false'),

  /**
   * BullMQ delivery queue; unset = in-process delivery. redis:// or rediss:// only: ioredis took
   * 'http://host:6379' as a socket path and 'localhost:6379' as a URL of scheme "localhost", and
   * the service started, then failed to connect forever.
   */
  REDIS_URL: optionalUrl.pipe(
    z
      .string()
      .regex(/^rediss?:\/\/[^\s]/, 'must be redis://host:port (or rediss:// for TLS), optionally with /db')
      .optional(),
  ),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Read `./.env` (if any) under the real environment and validate; on a bad configuration print
 * every problem to stderr and return null, so each entry point exits 2 the same way. Keys it
 * ignores are printed before the problems, as they often explain one (DISCORD_CLIENT_ID beside
 * "DISCORD_APPLICATION_ID: needed"); with a good configuration each entry point logs them.
 */
export function loadConfigOrReport(stderr: NodeJS.WritableStream = process.stderr): Config | null {
  loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    reportUnknownSettings(stderr);
    stderr.write(`paperboy: ${err.message}\n`);
    return null;
  }
}

/** Settings whose value is a credential. */
const SECRET_KEYS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY']);

/** A value as the user wrote it, shortened, with any URL password hidden. */
function shown(raw: unknown): string {
  const text = redactUrl(String(raw));
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** One schema issue in plain words, naming the key and the value given. */
function plainIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const key = issue.path.map(String).join('.') || '(root)';
  // A secret's value is never repeated, not even in part: error output ends up in logs and tickets.
  const value = SECRET_KEYS.has(key) ? '(value not shown)' : shown(env[key]);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return `${key}: ${value} is not a number`;
      if (issue.expected === 'int') return `${key}: ${value} is not a whole number`;
      break;
    case 'too_small':
      return `${key}: ${value} is below the minimum, ${String(issue.minimum)}`;
    case 'too_big':
      return `${key}: ${value} is above the maximum, ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${key}: ${value} is not one of ${issue.values.filter((v) => v !== '').map(String).join(', ')}`;
    case 'invalid_union':
      if (key === 'DISCORD_SHARDS') return `${key}: ${value} is not "auto" or a whole number from 1`;
      break;
    case 'invalid_format':
      if (issue.format === 'url') return `${key}: ${value} is not a URL (like https://example.org)`;
      return `${key}: ${value}: ${issue.message}`;
    case 'custom':
      // Our own messages, already in plain words (cron and time-zone messages quote the value).
      return `${key}: ${issue.message}${issue.message.includes('"') || SECRET_KEYS.has(key) ? '' : ` (got ${value})`}`;
  }
  return `${key}: ${value} is not valid (${issue.message})`;
}

/** Settings that only work together, read from the raw environment so they are reported with every other problem. */
function crossKeyProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (k: string) => typeof env[k] === 'string' && env[k].trim() !== '';
  const on = (k: string) => ['true', '1', 'yes'].includes((env[k] ?? '').trim());
  const out: string[] = [];
  if (on('PAPERBOY_EMBEDDINGS') && !set('OPENAI_API_KEY')) out.push('PAPERBOY_EMBEDDINGS: needs OPENAI_API_KEY');
  if (on('PAPERBOY_LLM_CHECK') && !set('OPENAI_API_KEY')) out.push('PAPERBOY_LLM_CHECK: needs OPENAI_API_KEY');
  if (set('SLACK_SIGNING_SECRET') && !set('SLACK_BOT_TOKEN')) out.push('SLACK_SIGNING_SECRET: needs SLACK_BOT_TOKEN (xoxb-...)');
  if (set('SLACK_APP_TOKEN') && !set('SLACK_BOT_TOKEN')) out.push('SLACK_APP_TOKEN: needs SLACK_BOT_TOKEN (xoxb-...)');
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID')) out.push('DISCORD_APPLICATION_ID: needed with DISCORD_TOKEN');
  return out;
}

/** Keys whose empty value means something: no items (lists), or a mistake (DATABASE_URL). */
const KEEP_EMPTY = new Set(['DATABASE_URL', 'PAPERBOY_ARXIV_CATEGORIES', 'PAPERBOY_INGEST_SOURCES', 'PAPERBOY_ARXIV_HOLIDAYS', 'SLACK_CHANNEL_MANAGERS']);

/** Parse the environment; throws ConfigError listing every problem at once, in plain words. */
export function loadConfig(given: NodeJS.ProcessEnv = process.env): Config {
  // `KEY=` (a .env or compose file with the value left out) means the default: parsed as given,
  // an empty PORT was port 0 (any free port), an empty PAPERBOY_HTTP turned the server off and an
  // empty PAPERBOY_DATA_DIR put files in the working folder. A list's empty value is the empty
  // list, and an empty DATABASE_URL stays an error (a deployment whose variable went missing must
  // not start on a new SQLite file).
  const env = Object.fromEntries(Object.entries(given).filter(([k, v]) => v === undefined || v.trim() !== '' || KEEP_EMPTY.has(k)));
  const result = configSchema.safeParse(env);
  // A DATABASE_URL given by hand names a database that exists or is to be made in an existing
  // folder; only the default's folder is made (databaseFileProblem).
  const folder = result.success && env.DATABASE_URL !== undefined ? databaseFileProblem(result.data.DATABASE_URL) : null;
  const problems = [...(result.success ? [] : result.error.issues.map((i) => plainIssue(i, env))), ...crossKeyProblems(env), ...(folder ? [`DATABASE_URL: ${folder}`] : [])];
  if (!result.success || problems.length) throw new ConfigError(problems);
  // Local files (the search index snapshot) live beside a SQLite database unless told
  // otherwise: a command run from another folder found no snapshot in its ./data, rebuilt the
  // index (25 s at 100,000 papers) and left a copy there.
  if (env.PAPERBOY_DATA_DIR === undefined && result.data.DATABASE_URL.startsWith('file:')) {
    result.data.PAPERBOY_DATA_DIR = dirname(result.data.DATABASE_URL.slice('file:'.length).replace(/\?.*$/, '')) || '.';
  }
  return result.data;
}

/** The setting each chat platform's digests are posted with. */
export const PLATFORM_TOKEN = { slack: 'SLACK_BOT_TOKEN', discord: 'DISCORD_TOKEN' } as const;

/** Why a target's digests are not sent, and the two ways out: said alike by the scheduler's warning and `paperboy digest`. */
export function notConfiguredText(targetId: string, platform: string, token: string): string {
  return `${platform} is not configured (no ${token}); set it, or remove the target with \`paperboy channel remove ${targetId}\``;
}

/** The setting a platform's digests need and this configuration lacks; null when it has it (and for the console). */
export function missingToken(config: Pick<Config, 'SLACK_BOT_TOKEN' | 'DISCORD_TOKEN'>, platform: string): string | null {
  const key = (PLATFORM_TOKEN as Record<string, 'SLACK_BOT_TOKEN' | 'DISCORD_TOKEN'>)[platform];
  return key && !config[key] ? key : null;
}

/**
 * A platform configured only in part: it runs, but not all of it. The service logs these at
 * start, so a missing key is not discovered only when nothing answers.
 */
export function configWarnings(cfg: Config): string[] {
  const out: string[] = [];
  if (cfg.SLACK_BOT_TOKEN && !cfg.SLACK_SIGNING_SECRET && !cfg.SLACK_APP_TOKEN) {
    out.push('Slack: SLACK_BOT_TOKEN without SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode): digests are posted, but /papers is not answered');
  }
  if (cfg.SLACK_SIGNING_SECRET && cfg.SLACK_BOT_TOKEN && !cfg.SLACK_APP_TOKEN && !cfg.PAPERBOY_HTTP) {
    out.push('Slack: SLACK_SIGNING_SECRET needs the HTTP server, but PAPERBOY_HTTP=false: /papers is not answered');
  }
  if (cfg.DISCORD_TOKEN && !cfg.DISCORD_GATEWAY && !cfg.DISCORD_PUBLIC_KEY) {
    out.push('Discord: DISCORD_GATEWAY=false and no DISCORD_PUBLIC_KEY: digests are posted, but /papers is not answered');
  }
  if (cfg.DISCORD_PUBLIC_KEY && !cfg.DISCORD_TOKEN) {
    out.push('Discord: DISCORD_PUBLIC_KEY without DISCORD_TOKEN: /papers is answered over HTTP, but no digest is posted to Discord');
  }
  return out;
}

/**
 * Says each key unknownSettings finds, the one way every entry point does: as a warning on a
 * logger (the service, the CLI), or as a `paperboy: …` line on a stream where there is none
 * (before the configuration that sets the log level is read, a script that prints plain lines).
 */
export function reportUnknownSettings(to: { warn(message: string): void } | NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): void {
  for (const line of unknownSettings(env)) {
    if ('warn' in to) to.warn(line);
    else to.write(`paperboy: ${line}\n`);
  }
}

/** PAPERBOY_ variables of the tests, benchmarks and migration script: not settings, and not mistakes. */
const TOOL_VARIABLES = /^PAPERBOY_(TEST|EAGER|MIGRATION)_/;
/** The prefixes of paperboy's settings; other programs use all but the first too. */
const SETTING_PREFIXES = ['PAPERBOY', 'SLACK', 'DISCORD', 'OPENAI'];
/** Names other tools and guides give a setting, where nothing in the spelling leads to it. */
const OTHER_NAMES: Record<string, string> = {
  DISCORD_CLIENT_ID: 'DISCORD_APPLICATION_ID',
  DISCORD_APP_ID: 'DISCORD_APPLICATION_ID',
  // Discord's own screens say "server" for what its API calls a guild.
  DISCORD_SERVER_ID: 'DISCORD_GUILD_ID',
  // Older Slack guides' name for the bot token; one letter from SLACK_APP_TOKEN, the wrong hint.
  SLACK_API_TOKEN: 'SLACK_BOT_TOKEN',
};

/**
 * Words a guide adds to or leaves out of a setting's name without naming another thing: the bot's
 * token is the token, the guild is its id. Any other word does (a CI notifier's SLACK_CHANNEL is
 * no SLACK_CHANNEL_MANAGERS, a webhook's DISCORD_WEBHOOK_TOKEN no DISCORD_TOKEN).
 */
const NAMING_WORDS = new Set(['BOT', 'APP', 'API', 'DEFAULT', 'ID', 'URL', 'KEY', 'TOKEN', 'SECRET']);

/**
 * Variables that are no setting but look meant as one, each with the settings it is probably
 * for: every PAPERBOY_ variable; any other a typo away from a setting (SLACK_BOT_TOKN,
 * DATABASE_URI); one of our prefixes with a naming word too few or too many (SLACK_TOKEN,
 * DISCORD_BOT_TOKEN, PAPERBOY_DIGEST_TIME) or another name for one (DISCORD_CLIENT_ID). Such a key was
 * ignored without a word: the platform stayed off or the default held, with no clue why. Other
 * programs' keys with those prefixes (SLACK_WEBHOOK_URL, OPENAI_ORG_ID) are left alone.
 */
export function unknownSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const known = Object.keys(configSchema.shape);
  const words = (key: string) => key.split('_').slice(1).filter(Boolean);
  // `a`'s words all in `b`, and what `b` adds only naming words.
  const within = (a: string[], b: string[]) => a.length > 0 && a.every((w) => b.includes(w)) && b.every((w) => a.includes(w) || NAMING_WORDS.has(w));
  const out: string[] = [];
  for (const key of Object.keys(env).sort()) {
    if (known.includes(key) || TOOL_VARIABLES.test(key)) continue;
    const prefix = key.split('_')[0]!;
    const reworded = (k: string) => SETTING_PREFIXES.includes(prefix) && k.split('_')[0] === prefix && (within(words(key), words(k)) || within(words(k), words(key)));
    // PAPERBOY_LOG_LEVEL for LOG_LEVEL: our prefix before a setting that has none.
    const prefixed = (k: string) => key === `PAPERBOY_${k}`;
    const like = OTHER_NAMES[key]
      ? [OTHER_NAMES[key]]
      : known
          .filter((k) => typoEdits(k, key) !== null || reworded(k) || prefixed(k))
          .sort((a, b) => editDistance(a, key) - editDistance(b, key) || a.localeCompare(b))
          .slice(0, 3);
    if (like.length) out.push(`${key} is not a paperboy setting and is ignored: did you mean ${like.join(' or ')}?`);
    else if (prefix === 'PAPERBOY') out.push(`${key} is not a paperboy setting and is ignored (see .env.example)`);
  }
  return out;
}

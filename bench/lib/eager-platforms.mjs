/**
 * `node --import ./bench/lib/eager-platforms.mjs …`: loads, before the program starts, what the
 * CLI loaded up front before its composition root went lazy (the chat clients, pg and Prisma's
 * PostgreSQL client, the OpenAI SDK): the eager baseline of bench:cli-startup.
 * PAPERBOY_EAGER_PG_CLIENT names the generated PostgreSQL client of the build being measured.
 */
await Promise.all([
  import('discord.js'),
  import('@slack/bolt'),
  import('pg'),
  import('@prisma/adapter-pg'),
  import('openai'),
  ...(process.env.PAPERBOY_EAGER_PG_CLIENT ? [import(process.env.PAPERBOY_EAGER_PG_CLIENT)] : []),
]);

/**
 * What a `/papers follow author` request costs as the paper store grows: resolving a name reads
 * every stored paper's authors (follow-service.ts). Prints the median of 3 resolutions of an
 * ambiguous "J. Smith" and of a full "Ada Lovelace" on SQLite, beside a baseline measured in the
 * same run: the same pages read with no name work (so the ratio is the name matching's share).
 * Also the digest side: marking followed authors' papers in one day's candidates.
 *
 * Usage: npm run bench:follow [-- --papers 20000 --authors 6 --follows 20 --day 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFollowService } from '../src/core/follows/follow-service.js';
import { withFollowedAuthors } from '../src/core/follows/followed-items.js';
import type { PaperInput } from '../src/core/papers/paper.js';
import { operatorActor, parseSubscriberId } from '../src/core/subscriptions/subscriber-id.js';
import { openStores } from '../src/store/index.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => Number(args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const PAPERS = arg('papers', '20000');
const AUTHORS = arg('authors', '6');
const FOLLOWS = arg('follows', '20');
const DAY = arg('day', '1000');

const GIVEN = ['John', 'Jane', 'Ada', 'Alan', 'Grace', 'José', 'Łukasz', 'Mei', 'Ravi', 'Olga', 'Kwame', 'Sofia', 'J.', 'A.', 'M.'];
const SURNAMES = Array.from({ length: 3000 }, (_, i) => `Surname${i}`).concat(['Smith', 'Lovelace', 'García', 'Kaiser']);
// Deterministic draws: the same corpus every run.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-follow-'));
try {
  const stores = await openStores(`file:${join(dir, 'bench.db')}`);
  const at = new Date('2026-12-01T00:00:00Z');
  const inputs: PaperInput[] = Array.from({ length: PAPERS }, (_, i) => ({
    arxivId: `2612.${String(i).padStart(5, '0')}`,
    source: 'arxiv',
    title: `Paper ${i}`,
    abstract: 'An abstract.',
    authors: Array.from({ length: AUTHORS }, () => `${pick(GIVEN)} ${pick(SURNAMES)}`),
    publishedAt: at,
  }));
  for (let i = 0; i < inputs.length; i += 500) await stores.papers.upsertMany(inputs.slice(i, i + 500), at);
  const service = createFollowService({ follows: stores.follows, papers: stores.papers });
  const user = parseSubscriberId('slack:U0BENCH', 'user');
  if (!user.ok) throw new Error(user.error);

  const baseline = await time(async () => {
    let n = 0;
    for await (const page of stores.papers.iterate(1000)) for (const p of page) n += p.authors.length;
    return n;
  });
  const ambiguous = await time(() => service.follow(operatorActor, user.value, 'J. Smith'));
  const full = await time(async () => {
    await service.follow(operatorActor, user.value, 'Ada Lovelace');
    await stores.follows.remove('slack:U0BENCH', 'Ada Lovelace');
  });
  const follows = Array.from({ length: FOLLOWS }, (_, i) => ({ subscriber: 'slack:U0BENCH', author: `${pick(GIVEN.filter((g) => !g.endsWith('.')))} ${SURNAMES[i * 7]!}`, createdBy: 'bench', createdAt: at }));
  const day = (await stores.papers.list({ limit: DAY })).slice(0, DAY);
  const marking = await time(async () => withFollowedAuthors([], day, follows, Number.POSITIVE_INFINITY));

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`papers ${PAPERS} x ${AUTHORS} authors, SQLite, median of 3`);
  console.log(`baseline: read every paper's authors        ${ms(baseline)}`);
  console.log(`follow "J. Smith" (ambiguous, candidates)   ${ms(ambiguous)}  (${(ambiguous / baseline).toFixed(2)}x baseline)`);
  console.log(`follow "Ada Lovelace" (full name)           ${ms(full)}  (${(full / baseline).toFixed(2)}x baseline)`);
  console.log(`digest: ${FOLLOWS} follows over ${day.length} candidate papers  ${ms(marking)}`);
  await stores.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

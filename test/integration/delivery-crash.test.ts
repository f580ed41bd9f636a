/**
 * Exactly once on a real database (SQLite) and a local Slack: the process "dies" at each step
 * of a multi-part digest (the step throws and the run is abandoned, like a crash), then a fresh
 * runner on the same database resumes. Slack must end up with every part exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackParts } from '../../src/chat/slack/render.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { HOSTILE_TITLE, NOW, SLOT, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

class Crash extends Error {}

type Step = 'planDigest' | 'planDigest-committed' | 'markPending' | 'markSent' | 'markFailed' | 'markDelivered' | 'send-accepted';

function crashing(stores: Stores, step: Step, k: number): Stores {
  let n = 0;
  const trip = () => {
    if (++n === k) throw new Crash(`crash at ${step} #${k}`);
  };
  if (step === 'markDelivered') {
    return { ...stores, targets: { ...stores.targets, markDelivered: async (...a) => (trip(), stores.targets.markDelivered(...a)) } };
  }
  if (step === 'send-accepted') return stores;
  if (step === 'planDigest-committed') {
    // Dies right after the plan (and the paper memory written with it) is committed.
    const ledger = { ...stores.ledger, planDigest: async (...a: Parameters<Stores['ledger']['planDigest']>) => { const plan = await stores.ledger.planDigest(...a); trip(); return plan; } };
    return { ...stores, ledger };
  }
  const ledger = { ...stores.ledger };
  const orig = (stores.ledger[step] as (...a: unknown[]) => Promise<unknown>).bind(stores.ledger);
  (ledger as Record<string, unknown>)[step] = async (...a: unknown[]) => (trip(), orig(...a));
  return { ...stores, ledger };
}

describe('exactly once across crashes (SQLite ledger, local Slack)', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  beforeAll(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: Array.from({ length: 21 }, (_, i) => `C${100 + i}`) });
  });
  afterAll(async () => {
    await slack.close();
    await db.drop();
  });

  const steps: Array<[Step, number]> = [
    ['planDigest', 1],
    ['planDigest-committed', 1],
    ['markPending', 1],
    ['markPending', 2],
    ['send-accepted', 1],
    ['send-accepted', 2],
    ['markSent', 1],
    ['markSent', 2],
    ['markSent', 3],
    ['markDelivered', 1],
  ];

  it.each(steps.map(([s, k], i) => [s, k, i] as const))('crash at %s #%i: no duplicate, no missing part', async (step, k, i) => {
    const stores = await db.openStores();
    const channel = `C${100 + i}`;
    const targetId = `slack:${channel}`;
    if (i === 0) await seedPapers(stores, 24, (n) => `${n} ${HOSTILE_TITLE} `.repeat(30).slice(0, 1500));
    await addTarget(stores, targetId, { maxPapers: 24 });
    const notifier = createSlackNotifier({ token: 'xoxb-test-token', apiUrl: slack.apiUrl, timeoutMs: 4000 });
    const deps = (s: Stores): RunDigestsDeps => ({
      stores: s,
      matcher: matchAll,
      summaries: summaries(stores),
      channels: { slack: { notifier, render: renderSlackParts, minIntervalMs: 0 } },
      logger: silentLogger(),
      sleep: async () => undefined,
    });
    let first: Stores;
    if (step === 'send-accepted') {
      // Slack accepts the k-th post but the connection drops before the answer, and the process
      // dies right after (at the failure record): nothing says the part was posted.
      slack.fail('chat.postMessage', [...Array.from({ length: k - 1 }, () => ({ kind: 'none' as const })), { kind: 'drop-after-accept' }]);
      first = crashing(stores, 'markFailed' as Step, 1);
    } else first = crashing(stores, step, k);
    let crashed = false;
    const r1 = await runDigests(deps(first), { now: NOW }).catch((e) => {
      if (!(e instanceof Crash)) throw e;
      crashed = true;
      return null;
    });
    // The crash really happened: the run threw, or the target's delivery died with it.
    expect(crashed || r1?.targets.some((t) => t.targetId === targetId && t.status === 'failed' && /crash at/.test(t.error ?? ''))).toBe(true);

    const second = await runDigests(deps(stores), { now: new Date(NOW.getTime() + 60_000) });
    expect(second.targets.filter((t) => t.status === 'delivered').map((t) => t.targetId)).toEqual([targetId]);
    const parts = await stores.ledger.parts(targetId, SLOT.toISOString());
    const keys = slack.posts.filter((p) => p.channel === channel).map((p) => String(p.metadata?.event_payload.dedupe_key));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    expect(keys).toHaveLength(parts.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(parts.map((p) => p.platformMessageId)).size).toBe(parts.length);
    expect((await stores.targets.get(targetId))!.lastDigestAt).toEqual(SLOT);
  });
});

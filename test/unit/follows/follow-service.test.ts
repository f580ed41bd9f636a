import { describe, expect, it } from 'vitest';
import { ensureOrUndo } from '../../../src/core/follows/follow-delivery.js';
import { createFollowService, MAX_CANDIDATES } from '../../../src/core/follows/follow-service.js';
import { followReply } from '../../../src/chat/commands/follow-command.js';
import { loadConfig } from '../../../src/config.js';
import { runCli } from '../../helpers/cli-run.js';
import { operatorActor, parseSubscriberId } from '../../../src/core/subscriptions/subscriber-id.js';
import type { Stores } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const AT = new Date('2026-11-20T06:00:00Z');
const USER = (() => {
  const p = parseSubscriberId('slack:U0ADA', 'user');
  if (!p.ok) throw new Error(p.error);
  return p.value;
})();

async function withPapers(authorLists: string[][]): Promise<Stores> {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(
    authorLists.map((authors, i) => ({ arxivId: `2611.${String(10000 + i)}`, source: 'arxiv' as const, title: `Paper ${i}`, abstract: 'An abstract.', authors, publishedAt: AT })),
    AT,
  );
  return stores;
}

const service = (stores: Stores) => createFollowService({ follows: stores.follows, papers: stores.papers, clock: { now: () => AT } });

describe('following an author against stored papers', () => {
  it('answers "J. Smith" with the distinct full names seen and their paper counts, following nobody', async () => {
    const stores = await withPapers([['John Smith', 'Ada Lovelace'], ['John Smith'], ['Jane Smith'], ['J. Smith'], ['Adam Smith'], ['Jöhn Smith']]);
    const r = await service(stores).follow(operatorActor, USER, 'J. Smith');
    expect(r).toEqual({ status: 'ambiguous', typed: 'J. Smith', candidates: [{ name: 'John Smith', papers: 3 }, { name: 'Jane Smith', papers: 1 }], total: 2 });
    expect(await stores.follows.list()).toEqual([]);
  });

  it('says how many authors fit in all when it lists only the most prolific ones, in chat and on the CLI', async () => {
    const names = Array.from({ length: MAX_CANDIDATES + 5 }, (_, i) => `Y${'abcdefghijklmnopqrstu'[i]}ng Zhang`);
    const stores = await withPapers(names.map((n) => [n]));
    const r = await service(stores).follow(operatorActor, USER, 'Y. Zhang');
    expect(r).toMatchObject({ status: 'ambiguous', total: MAX_CANDIDATES + 5 });
    if (r.status !== 'ambiguous') return;
    expect(r.candidates).toHaveLength(MAX_CANDIDATES);
    expect(followReply(r, 'slack').text).toContain(`“Y. Zhang” fits ${MAX_CANDIDATES + 5} different authors in stored papers. Here are the ${MAX_CANDIDATES} with the most stored papers`);
    const cli = await runCli({ config: loadConfig({}), openStores: async () => stores }, ['follow', 'add', '--user', 'slack:U0ADA', 'Y. Zhang']);
    expect(cli.err).toContain(`"Y. Zhang" fits ${MAX_CANDIDATES + 5} authors (the ${MAX_CANDIDATES} with the most stored papers below`);
  });

  it('refuses a name with a mention in it, which replies and digests would turn into a ping', async () => {
    const stores = await withPapers([['Ada Lovelace']]);
    for (const typed of ['<@U123>', '@everyone Smith', 'Ada <!here> Lovelace']) {
      expect(await service(stores).follow(operatorActor, USER, typed)).toEqual({ status: 'invalid', message: expect.stringContaining('cannot contain a mention') });
    }
    expect(await stores.follows.list()).toEqual([]);
  });

  it('refuses control characters (a terminal escape, a bidi override) that would be echoed wherever the name is shown', async () => {
    const stores = await withPapers([['Ada Lovelace']]);
    for (const typed of ['Ada\x1b[31m Lovelace', 'Ada Love\u0007lace', 'Ada \u202eecalevoL']) {
      expect(await service(stores).follow(operatorActor, USER, typed)).toEqual({ status: 'invalid', message: 'An author name cannot contain control characters.' });
    }
    // Whitespace ones are spaces, as before.
    expect(await service(stores).follow(operatorActor, USER, 'Ada\tLovelace')).toMatchObject({ status: 'followed', author: 'Ada Lovelace' });
  });

  it('reads past a title people type before a name ("Dr.", "Prof."), which papers never carry', async () => {
    const stores = await withPapers([['Ada Lovelace'], ['Dawn Lovelace']]);
    expect(await service(stores).follow(operatorActor, USER, 'Dr. Ada Lovelace')).toEqual({ status: 'followed', author: 'Ada Lovelace', papers: 1, similar: [] });
    expect(await service(stores).follow(operatorActor, USER, 'Prof Ada Lovelace')).toEqual({ status: 'already-following', author: 'Ada Lovelace' });
    expect(await service(stores).follow(operatorActor, USER, 'Dr. Lovelace')).toMatchObject({ status: 'invalid' });
  });

  it('names the stored author a name typed family name first may mean ("Zhang Zeyu" for "Zeyu Zhang")', async () => {
    const stores = await withPapers([['Zeyu Zhang'], ['Zeyu Zhang', 'Ada Lovelace']]);
    expect(await service(stores).follow(operatorActor, USER, 'Zhang Zeyu')).toEqual({ status: 'followed', author: 'Zhang Zeyu', papers: 0, similar: [{ name: 'Zeyu Zhang', papers: 2 }] });
  });

  it('follows the one person an initial fits, by the full name papers use', async () => {
    const stores = await withPapers([['Ada Lovelace'], ['Ada Lovelace', 'Charles Babbage'], ['A. Lovelace'], ['Ada K. Lovelace']]);
    const r = await service(stores).follow(operatorActor, USER, 'Lovelace, A.');
    expect(r).toEqual({ status: 'followed', author: 'Ada Lovelace', papers: 2, similar: [] });
    expect((await stores.follows.list()).map((f) => [f.subscriber, f.author])).toEqual([['slack:U0ADA', 'Ada Lovelace']]);
    expect(await service(stores).follow(operatorActor, USER, 'Ada Lovelace')).toEqual({ status: 'already-following', author: 'Ada Lovelace' });
  });

  it('takes a full first name as meant, in the stored spelling when there is one', async () => {
    const stores = await withPapers([['José García'], ['Jane García']]);
    expect(await service(stores).follow(operatorActor, USER, 'Jose Garcia')).toEqual({ status: 'followed', author: 'José García', papers: 1, similar: [] });
    expect(await service(stores).follow(operatorActor, USER, 'Grace Hopper')).toEqual({ status: 'followed', author: 'Grace Hopper', papers: 0, similar: [] });
  });

  it('follows a name no stored paper carries as typed, naming the stored authors it may misspell', async () => {
    const stores = await withPapers([['Alexandre Alahi', 'Paolo Favaro'], ['Alexandre Alahi'], ['Alexander Alahi'], ['Alexandre Allahy'], ['Alexandre Alami'], ['Bertrand Alahi'], ['Xiang Li']]);
    const r = await service(stores).follow(operatorActor, USER, 'Alexandre Alahy');
    // A surname a typo away with the same first name, or the same surname with a first name a
    // typo away; not another first name under a near surname, nor a surname two edits off in five letters (Alami).
    expect(r).toEqual({
      status: 'followed',
      author: 'Alexandre Alahy',
      papers: 0,
      similar: [{ name: 'Alexandre Alahi', papers: 2 }, { name: 'Alexandre Allahy', papers: 1 }],
    });
    expect((await stores.follows.list()).map((f) => f.author)).toEqual(['Alexandre Alahy']);
    expect(await service(stores).follow(operatorActor, USER, 'Alexandra Alahi')).toMatchObject({ papers: 0, similar: [{ name: 'Alexandre Alahi', papers: 2 }, { name: 'Alexander Alahi', papers: 1 }] });
    // An initial fits any first name of that letter, under a near surname.
    expect(await service(stores).follow(operatorActor, USER, 'B. Alahy')).toMatchObject({ papers: 0, similar: [{ name: 'Bertrand Alahi', papers: 1 }] });
    // A short surname allows one edit only: "Luo" is two from "Li".
    expect(await service(stores).follow(operatorActor, USER, 'Xiang Luo')).toMatchObject({ papers: 0, similar: [] });
  });

  it('offers to take back a slip of an author followed already, not to switch to them (chat and CLI)', async () => {
    const stores = await withPapers([['Hojung Jung'], ['Hojung Jung'], ['Hojung Yun']]);
    await service(stores).follow(operatorActor, USER, 'Hojung Jung');
    const r = await service(stores).follow(operatorActor, USER, 'Hojung Jun');
    expect(r).toEqual({ status: 'followed', author: 'Hojung Jun', papers: 0, similar: [{ name: 'Hojung Jung', papers: 2, followed: true }, { name: 'Hojung Yun', papers: 1 }] });
    const reply = followReply(r, 'slack').text;
    expect(reply).toContain('Hojung Jung (2 stored papers), whom you follow already — /papers unfollow author "Hojung Jun"\n');
    expect(reply).toContain('Hojung Yun (1 stored paper) — /papers unfollow author "Hojung Jun", then /papers follow author "Hojung Yun"');
    const cli = await runCli({ config: loadConfig({}), openStores: async () => stores }, ['follow', 'add', '--user', 'slack:U0ADA', 'Hojung Jang']);
    expect(cli.out).toContain('  Hojung Jung (2 stored papers), followed already: paperboy follow remove --user slack:U0ADA "Hojung Jang"\n');
    expect(cli.out).not.toContain('follow add --user slack:U0ADA "Hojung Jung"');
  });

  it('refuses a surname alone, and another user acting for this one', async () => {
    const stores = await withPapers([['Ada Lovelace']]);
    expect((await service(stores).follow(operatorActor, USER, 'Lovelace')).status).toBe('invalid');
    const other = { id: 'slack:U0OTHER', canManageChannel: () => false };
    expect((await service(stores).follow(other, USER, 'Ada Lovelace')).status).toBe('forbidden');
    expect(await stores.follows.list()).toEqual([]);
  });

  it('unfollows by any compatible form, and asks when two followed authors fit', async () => {
    const stores = await withPapers([['John Smith'], ['Jane Smith']]);
    const s = service(stores);
    await s.follow(operatorActor, USER, 'John Smith');
    await s.follow(operatorActor, USER, 'Jane Smith');
    expect((await s.unfollow(operatorActor, USER, 'J. Smith')).status).toBe('ambiguous');
    expect(await s.unfollow(operatorActor, USER, 'Smith, Jane')).toEqual({ status: 'unfollowed', author: 'Jane Smith' });
    expect((await s.list('slack:U0ADA')).map((f) => f.author)).toEqual(['John Smith']);
  });

  it('undoes a follow whose delivery target cannot be made, and says why', async () => {
    const stores = await withPapers([['Ada Lovelace']]);
    const s = service(stores);
    const r = await s.follow(operatorActor, USER, 'Ada Lovelace');
    expect(r.status).toBe('followed');
    const broken = { ensure: async () => Promise.reject(new Error('database is locked')) };
    await expect(ensureOrUndo({ follows: s, targets: broken }, USER, 'Ada Lovelace')).rejects.toThrow('database is locked');
    expect(await stores.follows.list()).toEqual([]);
  });
});

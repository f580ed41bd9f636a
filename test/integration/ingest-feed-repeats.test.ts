/**
 * A feed that writes one item twice (the same guid and link: a plugin that lists an edited post
 * again, two channels merged by hand): one paper stored, counted once, whatever the database and
 * however the items fall into batches, and the same paper on every run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { feedItemId } from '../../src/sources/feed.js';
import { logger, providers, sourceConfig, useTestStores } from './ingest-support.js';

const item = (title: string, description: string, extra = '') =>
  `<item><title>${title}</title><link>https://blog.example.org/posts/1</link><guid>https://blog.example.org/posts/1</guid><description>${description}</description>${extra}</item>`;
const rss = (items: string[]) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example.org/</link>${items.join('')}</channel></rss>`;

describe.each(await providers())('one item written twice in a feed (%s)', (provider) => {
  const db = useTestStores(provider);
  let path: string;
  beforeEach(() => {
    path = join(mkdtempSync(join(tmpdir(), 'pb-repeat-')), 'feed.xml');
  });
  const ingest = (batchSize?: number) => runIngest({ stores: db.stores, source: createSource('file', sourceConfig()), logger, force: true, ...(batchSize ? { batchSize } : {}) }, { from: 'x', to: 'x', filePaths: [path] });

  it.each([undefined, 1])('is stored once and counted once (batch size %s), as its later and fuller entry', async (batchSize) => {
    writeFileSync(
      path,
      rss([
        item('Draft title', 'Short.'),
        item('Paper about codecs', 'The whole abstract of the paper about codecs.', '<author>a@example.org (Ada Lovelace)</author>'),
        '<item><title>Other</title><link>https://blog.example.org/posts/2</link></item>',
      ]),
    );
    const first = await ingest(batchSize);
    expect(first).toMatchObject({ status: 'succeeded', created: 2, updated: 0, unchanged: 0 });
    const stored = await db.stores.papers.get(feedItemId('https://blog.example.org/posts/1'));
    expect(stored).toMatchObject({ title: 'Paper about codecs', abstract: 'The whole abstract of the paper about codecs.', authors: ['Ada Lovelace'] });
    expect((await db.stores.papers.list({})).length).toBe(2);
    // The same feed again changes nothing and counts each paper once.
    expect(await ingest(batchSize)).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 2 });
  });
});

/**
 * The same journal article from two feeds, through the real ingest path into a real database
 * (SQLite; PostgreSQL with PAPERBOY_TEST_DATABASE=postgresql), and then a real digest: one
 * paper, posted once. One feed links the article's dx.doi.org address (as ACS's do), the other
 * its publisher page and states the DOI in prism:doi and dc:identifier (as Nature's do).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { silentLogger } from '../../src/log.js';
import { createSource } from '../../src/sources/index.js';
import { feedItemId } from '../../src/sources/feed-parse.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { sendText, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { runCli } from '../helpers/cli-run.js';
import { sourceConfig } from './ingest-support.js';

const TITLE = 'A neural audio codec with residual vector quantization for low-bitrate speech';
const ABSTRACT = 'We propose a neural audio codec using residual vector quantization (RVQ). It compresses speech at 1.5 kbps.';
const PAGE = 'https://pubs.example.org/doi/full/10.1021/jacs.5c99999';

/** As ACS writes its items: the dx.doi.org address as link and guid, no DOI element. */
const doiLinkFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Journal: Latest Articles (ACS Publications)</title><link>https://pubs.example.org/toc/jacsat/0/0</link>
  <item><title><![CDATA[[ASAP] ${TITLE}]]></title><link>http://dx.doi.org/10.1021/jacs.5c99999</link>
    <description><![CDATA[${ABSTRACT}]]></description><guid isPermaLink="false">http://dx.doi.org/10.1021/jacs.5c99999</guid></item>
</channel></rss>`;

/** As Nature writes its items (RSS 1.0): the publisher page as link, the DOI in prism:doi (upper case here) and dc:identifier. */
const publisherFeed = (withDoi: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">
  <channel rdf:about="https://pubs.example.org/journal.rss"><title>Journal</title><link>https://pubs.example.org/journal</link></channel>
  <item rdf:about="${PAGE}"><title>${TITLE}</title><link>${PAGE}</link><description>${ABSTRACT}</description>
    <dc:creator>Ada Lovelace</dc:creator>${withDoi ? '<dc:identifier>doi:10.1021/jacs.5c99999</dc:identifier><prism:doi>10.1021/JACS.5C99999</prism:doi>' : ''}</item>
</rdf:RDF>`;

describe(`the same article from two feeds is one paper and one digest entry (${testDatabaseProvider()})`, () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  let server: TestServer;
  let publisherHasDoi = true;

  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    slack = await startFakeSlack({ channels: ['C0001'] });
    server = await startHttpServer((_req, res, url) => {
      if (url.pathname === '/doi-links.xml') return sendText(res, 200, doiLinkFeed, 'application/rss+xml');
      if (url.pathname === '/publisher.rdf') return sendText(res, 200, publisherFeed(publisherHasDoi), 'application/rdf+xml');
      return sendText(res, 404, 'no such feed', 'text/plain');
    });
  });
  afterAll(async () => {
    await server.close();
    await slack.close();
    await db.drop();
  });
  beforeEach(async () => {
    await db.reset();
    await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
    publisherHasDoi = true;
  });

  const ingest = (feed: string) => runIngest({ stores, source: createSource('feed', sourceConfig()), logger: silentLogger() }, { from: 'x', to: 'x', feedUrl: `${server.url}/${feed}` });

  const cli = (...argv: string[]) =>
    runCli({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }), logger: silentLogger(), openStores: async () => stores }, argv);

  const papersTitled = async () => {
    const all = await stores.papers.list({});
    return all.filter((p) => p.title.includes('neural audio codec'));
  };

  it('the doi.org link, then the publisher page: one paper under the first id, and a digest posts it once', async () => {
    expect(await ingest('doi-links.xml')).toMatchObject({ status: 'succeeded', created: 1 });
    const first = feedItemId('http://dx.doi.org/10.1021/jacs.5c99999');
    expect((await stores.papers.get(first))?.doi).toBe('10.1021/jacs.5c99999');
    expect(await ingest('publisher.rdf')).toMatchObject({ status: 'succeeded', created: 0, updated: 1 });
    const [paper, ...others] = await papersTitled();
    expect(others).toEqual([]);
    expect(paper).toMatchObject({ arxivId: first, sources: ['feed'], authors: ['Ada Lovelace'], doi: '10.1021/jacs.5c99999' });
    expect(await stores.papers.get(feedItemId(PAGE))).toBeNull();
    // Both feeds read again: nothing new, nothing changed.
    expect(await ingest('doi-links.xml')).toMatchObject({ created: 0 });
    expect(await ingest('publisher.rdf')).toMatchObject({ created: 0 });
    expect(await papersTitled()).toHaveLength(1);

    expect((await cli('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs')).code).toBe(0);
    const since = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const posts = slack.posts.length;
    const sent = await cli('digest', '--target', 'slack:C0001', '--since', since, '--json');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.out)).toMatchObject({ targets: [{ targetId: 'slack:C0001', status: 'delivered', papers: 1 }] });
    expect(slack.posts.length).toBe(posts + 1);
    const text = JSON.stringify(slack.posts.slice(posts).map((p) => p.blocks));
    expect(text.split('residual vector quantization for low-bitrate speech').length - 1).toBe(1);
  });

  it('an item stored before DOIs were kept keeps its id: it learns its DOI when its feed is read again, and the doi.org item then merges into it', async () => {
    publisherHasDoi = false;
    expect(await ingest('publisher.rdf')).toMatchObject({ created: 1 });
    const stored = feedItemId(PAGE);
    const before = (await stores.papers.get(stored))!;
    expect(before.doi).toBeNull();
    publisherHasDoi = true;
    expect(await ingest('publisher.rdf')).toMatchObject({ created: 0, updated: 1 });
    expect(await stores.papers.get(stored)).toMatchObject({ doi: '10.1021/jacs.5c99999', firstSeenAt: before.firstSeenAt });
    // Its title less ACS's "[ASAP]" and its abstract are the stored paper's: merged, nothing changes.
    expect(await ingest('doi-links.xml')).toMatchObject({ created: 0, updated: 0 });
    expect((await papersTitled()).map((p) => [p.arxivId, p.title])).toEqual([[stored, TITLE]]);
  });
});

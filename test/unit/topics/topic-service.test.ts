import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { CATALOG } from '../../../src/core/topics/catalog.js';
import { checkPhrases, closestNames, legacySlugify, slugify } from '../../../src/core/topics/names.js';
import { createTopicService, freeTextTopic } from '../../../src/core/topics/topic-service.js';
import { createDraftService } from '../../../src/core/topics/draft-service.js';

function service() {
  const stores = createMemoryStores();
  return { stores, topics: createTopicService({ topics: stores.topics }) };
}

describe('topic service', () => {
  it('seeds the catalog once (idempotent) with at least the ten starter topics', async () => {
    const { topics } = service();
    const first = await topics.seed();
    const second = await topics.seed();
    expect(first.created.length).toBe(CATALOG.length);
    expect(CATALOG.length).toBeGreaterThanOrEqual(10);
    expect(second.created).toEqual([]);
    expect((await topics.list()).length).toBe(CATALOG.length);
  });

  it('finds topics by name, slug and alias', async () => {
    const { topics } = service();
    await topics.seed();
    for (const input of ['audio codecs', 'Audio-Codecs', 'RAG', 'reinforcement learning from human feedback', 'moe']) {
      expect((await topics.find(input)).status, input).toBe('found');
    }
  });

  it('finds a built-in topic by its name with its acronym beside it, or with the acronym spelled out', async () => {
    const { topics } = service();
    await topics.seed();
    const slugOf = async (input: string) => {
      const r = await topics.find(input);
      return r.status === 'found' ? r.topic.slug : r.status;
    };
    expect(await slugOf('mixture of experts (MoE)')).toBe('mixture-of-experts');
    expect(await slugOf('graph neural networks (GNNs)')).toBe('graph-neural-networks');
    expect(await slugOf('RAG (retrieval-augmented generation)')).toBe('retrieval-augmented-generation');
    expect(await slugOf('reinforcement learning from human feedback (RLHF)')).toBe('rlhf');
    expect(await slugOf('large language model agents')).toBe('llm-agents');
    expect(await slugOf('large language model (LLM) agents')).toBe('llm-agents');
    // A parenthesis that is no acronym of the words before it asks for something narrower.
    expect(await slugOf('mixture of experts (routing)')).toBe('unknown');
    expect(await slugOf('mixture of experts (MoE) for vision')).toBe('unknown');
    // Spelled out to a narrower alias, it is that alias: a topic of its own, the built-in offered.
    const kv = await topics.findOrCreate('key value cache compression', 'slack:U1');
    expect(kv.status).toBe('created');
    expect(kv.status === 'created' && (await topics.broaderOf(kv.topic))?.slug).toBe('token-compression');
  });

  it('a name in British spelling is the name in American spelling: the built-in topic, or its narrower alias', async () => {
    const { topics } = service();
    await topics.seed();
    const slugOf = async (input: string) => {
      const r = await topics.find(input);
      return r.status === 'found' ? r.topic.slug : r.status;
    };
    // Not asked about as a slip of "image tokenizers": the same words.
    expect(await slugOf('image tokenisers')).toBe('image-tokenizers');
    expect(await slugOf('Image Tokenisers')).toBe('image-tokenizers');
    // An alias of narrower or neighbouring words in British spelling is that alias: a topic of its own, the built-in offered.
    for (const [typed, builtin] of [['reward modelling', 'rlhf'], ['preference optimisation', 'rlhf'], ['image tokenisation', 'image-tokenizers'], ['speech tokenisers', 'audio-codecs']]) {
      const made = await topics.findOrCreate(typed!, 'slack:U1');
      expect(made.status, typed).toBe('created');
      expect(made.status === 'created' && (await topics.broaderOf(made.topic))?.slug, typed).toBe(builtin);
    }
    // A topic of someone's own is found in the other spelling, not asked about as a slip.
    expect(await slugOf('reward modeling')).toBe('reward-modelling');
  });

  it('drops the backticks chat users type around a term: the name is its words, shown as code nowhere', async () => {
    const { topics } = service();
    await topics.seed();
    const made = await topics.findOrCreate('`kv cache` eviction', 'slack:U1');
    expect(made.status === 'created' && { name: made.topic.name, slug: made.topic.slug }).toEqual({ name: 'kv cache eviction', slug: 'kv-cache-eviction' });
    // Other markers stay as typed (the renderers neutralise them); the same words find the topic.
    const marked = await topics.findOrCreate('**bold** _it_ ｀code｀ gizmo', 'slack:U1');
    expect(marked.status === 'created' && marked.topic.name).toBe('**bold** _it_ code gizmo');
    expect(await topics.find('**bold** _it_ `code` gizmo')).toMatchObject({ status: 'found', topic: { slug: 'bold-it-code-gizmo' } });
    expect((await topics.findOrCreate('``', 'slack:U1')).status).toBe('invalid');
  });

  it('reads a name in quotes around all of it (a shell, a document or a phone keyboard left them) as the name', async () => {
    // `--topic '"graph transformers"'` made a topic named with its quotes, and the same words
    // typed bare were then refused as a likely misspelling of it.
    const { topics } = service();
    await topics.seed();
    const made = await topics.findOrCreate('“graph transformers”', 'slack:U1');
    expect(made.status === 'created' && { name: made.topic.name, slug: made.topic.slug }).toEqual({ name: 'graph transformers', slug: 'graph-transformers' });
    for (const again of ['graph transformers', '"graph transformers"', "'graph transformers'", '„graph transformers“']) expect((await topics.find(again)).status, again).toBe('found');
    expect((await topics.find('"RLHF"')).status).toBe('found');
    // Every double quote the search takes for `"` (quotes.ts), the reversed ‟ too.
    const reversed = await topics.add({ name: '‟vision tokenizers”' }, 'slack:U1');
    expect(reversed.status === 'created' && reversed.topic.name).toBe('vision tokenizers');
    // Quotes inside a name, or on one side only, are part of it.
    const inner = await topics.add({ name: "'t Hooft anomalies" }, 'slack:U1');
    expect(inner.status === 'created' && inner.topic.name).toBe("'t Hooft anomalies");
    expect((await topics.add({ name: '""' }, 'slack:U1')).status).toBe('invalid');
    const two = await topics.add({ name: '"speech" and "music" codecs"' }, 'slack:U1');
    expect(two.status === 'created' && two.topic.name).toBe('"speech" and "music" codecs"');
    // In single quotes as in double: two quoted words are not one quote, while an apostrophe inside one is a letter.
    const singles = await topics.add({ name: "'vision' and 'audio' tokenizers'" }, 'slack:U1');
    expect(singles.status === 'created' && singles.topic.name).toBe("'vision' and 'audio' tokenizers'");
    const apostrophe = await topics.add({ name: '‘Hopfield’s networks’' }, 'slack:U1');
    expect(apostrophe.status === 'created' && apostrophe.topic.name).toBe('Hopfield’s networks');
  });

  it('keeps of a name what it shows: a zero-width space or another invisible character pasted in goes', async () => {
    const { topics } = service();
    for (const [typed, shown] of [
      ['zero\u200Bwidth space', 'zerowidth space'],
      ['\uFEFFspeech\u2060 codecs\u00AD', 'speech codecs'],
      ['graph\u200E neural\u200F networks', 'graph neural networks'],
    ]) {
      const made = await topics.add({ name: typed! }, 'slack:U1');
      expect(made.status === 'created' && { name: made.topic.name, slug: made.topic.slug }, typed).toEqual({ name: shown, slug: slugify(shown!) });
      // Found again as it shows, or pasted the same way.
      for (const again of [shown!, typed!]) expect((await topics.find(again)).status, again).toBe('found');
    }
    // Joiners spell emoji sequences and some scripts: they stay.
    const joined = await topics.add({ name: 'کتاب\u200Cها retrieval' }, 'slack:U1');
    expect(joined.status === 'created' && joined.topic.name).toBe('کتاب\u200Cها retrieval');
  });

  it('strips how it was asked once: "papers on research on agents" is the topic "research on agents" however it is made', async () => {
    const { topics } = service();
    const made = await topics.findOrCreate('papers on research on agents', 'slack:U1');
    expect(made.status === 'created' && made.topic.name).toBe('research on agents');
    const { topics: other } = service();
    const added = await other.add({ name: 'papers on research on agents' }, 'slack:U1');
    expect(added.status === 'created' && added.topic.name).toBe('research on agents');
  });

  it('refuses a topic with no word papers could be matched on, or with a mention in its name', async () => {
    const { topics } = service();
    const r = await topics.add({ name: 'the' }, 'slack:U1');
    expect(r.status).toBe('invalid');
    expect(r.status === 'invalid' && r.message).toContain('no word papers could be matched on');
    expect((await topics.findOrCreate('of and the', 'slack:U1')).status).toBe('invalid');
    // A single letter or a bare number is never matched on either.
    for (const name of ['x', 'z', '2026', 'x 7', 'papers about 2026', 'get make']) expect((await topics.findOrCreate(name, 'slack:U1')).status, name).toBe('invalid');
    for (const name of ['3D', 'C++ compilers', 'R programming', '機械翻訳']) expect((await topics.findOrCreate(name, 'slack:U1')).status, name).not.toBe('invalid');
    // Words for what is delivered, or courtesy, are no subject: "papers pls" matched papers saying "paper".
    for (const name of ['papers pls', 'papers', 'latest papers', 'new research', 'thanks']) expect((await topics.findOrCreate(name, 'slack:U1')).status, name).toBe('invalid');
    for (const name of ['world models pls', 'research agents', 'news summarization']) expect((await topics.findOrCreate(name, 'slack:U1')).status, name).not.toBe('invalid');
    for (const name of ['<@U123> papers', 'agents <!channel>', '@everyone agents', 'agents in <#C1>']) {
      const r = await topics.add({ name }, 'slack:U1');
      expect(r.status === 'invalid' && r.message, name).toContain('cannot contain a mention');
    }
    // Slack's link markup pasted in: said as a link, with the words to type.
    const linked = await topics.add({ name: '<https://example.com|speculative decoding>' }, 'slack:U1');
    expect(linked.status === 'invalid' && linked.message).toBe('A topic name cannot contain a link (<https://example.com|speculative decodi…): type the words (“speculative decoding”) instead');
    expect((await topics.findOrCreate('agents <https://example.com>', 'slack:U1')).status).toBe('invalid');
    // A Markdown link or a bare address too: their 'https' and path words are no topic words.
    const markdown = await topics.add({ name: '**agents** [paper](http://evil.example/x)' }, 'slack:U1');
    expect(markdown.status === 'invalid' && markdown.message).toContain('type the words (“paper”) instead');
    for (const name of ['agents https://arxiv.org/abs/2601.00001', 'www.example.com agents']) expect((await topics.findOrCreate(name, 'slack:U1')).status, name).toBe('invalid');
    // HTML tags too: '<b>audio</b> codecs' was stored as 'b-audio-b-codecs', matched on 'b'.
    const bold = await topics.findOrCreate('<b>audio</b> codecs', 'slack:U1');
    expect(bold.status === 'invalid' && bold.message).toBe('A topic name cannot contain HTML markup (<b>): type the words instead');
    for (const name of ['diffusion <script>alert(1)</script>', 'agents <img src=x onerror=alert(1)>', 'agents <br/>', 'x <foo title="y">']) {
      expect((await topics.findOrCreate(name, 'slack:U1')).status, name).toBe('invalid');
    }
    expect((await topics.add({ name: 'planning agents', description: 'agents that <i>plan</i>' }, 'slack:U1')).status).toBe('invalid');
    // Angle brackets that are text, and the tokens papers write in them, are no markup.
    for (const name of ['encoder <-> decoder', 'x < y bounds', 'C++ compilers <3', '<think> token budgets', 'List<T> generics', '<video> tokens', 'a<b inequalities']) {
      expect((await topics.findOrCreate(name, 'slack:U1')).status, name).toBe('created');
    }
    // Text longer than a name is refused whole, not cut into a name nobody could type again.
    const long = `${'agents that plan '.repeat(8)}[paper](https://evil.example/agents) <!channel>`;
    const described = await topics.findOrCreate(long, 'slack:U1');
    expect(described.status === 'invalid' && described.message).toBe(`Topic name is too long (${long.length} characters, at most 120)`);
    expect(await topics.list()).not.toContainEqual(expect.objectContaining({ name: expect.stringContaining('agents that plan') }));
    expect((await topics.add({ name: 'planning agents', description: 'see https://evil.example' }, 'slack:U1')).status).toBe('invalid');
    expect((await topics.add({ name: 'email@here.com spam filters' }, 'slack:U1')).status).toBe('created');
    expect((await topics.add({ name: 'agents @here-and-now' }, 'slack:U1')).status).toBe('created');
  });

  it('reads what was asked for, not how: "anything on RAG" is RAG, "I want to follow world models" makes "world models"', async () => {
    const { topics } = service();
    await topics.seed();
    const rag = await topics.find('anything on RAG');
    expect(rag.status === 'found' && rag.topic.slug).toBe('retrieval-augmented-generation');
    const made = await topics.findOrCreate('I want to follow world models', 'slack:U1');
    expect(made.status).toBe('created');
    if (made.status !== 'created') return;
    expect(made.topic.name).toBe('world models');
    expect(made.topic.description).toBe('world models');
    for (const text of ['latest world models work', 'new research on world models', 'world models']) {
      const again = await topics.findOrCreate(text, 'slack:U2');
      expect(again.status === 'found' && again.topic.slug, text).toBe(made.topic.slug);
    }
    // Words that are the topic itself stay.
    const own = await topics.findOrCreate('in context learning', 'slack:U3');
    expect(own.status === 'created' && own.topic.name).toBe('in context learning');
  });

  it('finds a topic typed with "research" after it, and keeps the word where it is the subject', async () => {
    const { topics } = service();
    await topics.seed();
    for (const text of ['speculative decoding research', 'RAG research.', 'anything on mixture of experts research']) {
      const r = await topics.find(text);
      expect(r.status === 'found' && r.topic.builtin, text).toBe(true);
    }
    const world = await topics.findOrCreate('world models', 'slack:U1');
    const again = await topics.findOrCreate('world models research', 'slack:U2');
    expect(again.status === 'found' && again.topic.slug).toBe(world.status === 'created' && world.topic.slug);
    // One word before it: 'research' may make the subject ("market research" is not "market").
    await topics.findOrCreate('market', 'slack:U3');
    const market = await topics.findOrCreate('market research', 'slack:U3');
    expect(market.status === 'created' && market.topic.name).toBe('market research');
  });

  it('finds a built-in topic typed with a generic head noun after it ("MoE models"), and only a built-in one', async () => {
    const { topics } = service();
    await topics.seed();
    for (const [text, slug] of [['MoE models', 'mixture-of-experts'], ['RLHF methods', 'rlhf'], ['speculative decoding approaches', 'speculative-decoding'], ['graph neural network models', 'graph-neural-networks']]) {
      const r = await topics.find(text!);
      expect(r.status === 'found' && r.topic.slug, text).toBe(slug);
    }
    // The subject with its head noun is no built-in: it stays as typed.
    for (const text of ['world models', 'diffusion models', 'language models']) {
      const made = await topics.findOrCreate(text, 'slack:U1');
      expect(made.status === 'created' && made.topic.name, text).toBe(text);
    }
  });

  it('answers an unknown topic with the closest names', async () => {
    const { topics } = service();
    await topics.seed();
    const r = await topics.find('audio codex');
    expect(r.status).toBe('unknown');
    if (r.status === 'unknown') {
      expect(r.suggestions[0]).toBe('audio codecs');
      expect(r.message).toContain('Did you mean "audio codecs"');
    }
  });

  it('classifies typed texts as topics, new topics or typos, writing nothing and reading the names once', async () => {
    const { stores, topics } = service();
    await topics.seed();
    let lists = 0;
    const list = stores.topics.list.bind(stores.topics);
    stores.topics.list = () => (lists++, list());
    const before = (await list()).length;
    const typed = await topics.classifyTyped(['audio codecs', 'RAG', 'speculative decodng', 'state space models like Mamba', 'KV cache compression']);
    expect(typed.map((t) => t.status)).toEqual(['found', 'found', 'typo', 'new', 'new']);
    const typo = typed[2]!;
    if (typo.status === 'typo') {
      expect(typo.suggestions).toEqual(['speculative decoding']);
      expect(typo.message).toBe('No topic named "speculative decodng". Did you mean "speculative decoding"?');
    }
    expect((await list()).length).toBe(before);
    // find() reads the list for each text that is not a slug; classifying adds one read for all the misses.
    const finds = 5;
    expect(lists).toBeLessThanOrEqual(finds + 1);
    // A small word swapped for another asks for something else: no slip, however few letters differ.
    await topics.add({ name: 'diffusion models for video' }, 'slack:U1');
    expect((await topics.classifyTyped(['diffusion models, not video']))[0]!.status).toBe('new');
    expect((await topics.classifyTyped(['diffusion modles for video']))[0]!.status).toBe('typo');
    expect((await topics.classifyTyped(['diffusion models, not for video']))[0]!.status).toBe('new');
    // A slip in a small word is still a slip.
    await topics.add({ name: 'learning from human preferences' }, 'slack:U1');
    expect((await topics.classifyTyped(['learning form human preferences']))[0]!.status).toBe('typo');
  });

  it('asks about a slip in a starter topic\'s name or spelled-out alias the one way, and takes its inflections and acronyms as the topic', async () => {
    const { topics } = service();
    await topics.seed();
    const read = async (text: string) => {
      const [r] = await topics.classifyTyped([text]);
      return r!.status === 'found' ? r!.topic.slug : r!.status === 'typo' ? `typo: ${r!.suggestions.join(', ')}` : r!.status;
    };
    // A slip is asked about, whether or not its initials happen to be the topic's acronym (MoE, RAG, RLHF, LLM).
    expect(await read('mixture of expers')).toBe('typo: mixture of experts');
    expect(await read('speculatve decoding')).toBe('typo: speculative decoding');
    expect(await read('retrieval augmented generaton')).toBe('typo: retrieval-augmented generation');
    expect(await read('reinforcement learning from human feedbak')).toBe('typo: RLHF');
    expect(await read('lage language model agents')).toBe('typo: LLM agents');
    expect((await topics.find('mixture of expers')).status).toBe('unknown');
    // Where nothing is asked (unsubscribe, feedback), the topic meant is the first suggestion.
    const rlhf = await topics.find('reinforcement learning from human feedbak');
    expect(rlhf.status === 'unknown' && rlhf.suggestions[0]).toBe('RLHF');
    // Other words with the acronym's initials are no name of the topic.
    expect(await read('mixture of everything')).toBe('new');
    expect(await read('retrieval augmented gizmos')).toBe('new');
    // Case, punctuation, spacing and a plural 's' aside, the name or an alias is the topic.
    for (const [typed, slug] of [
      ['mixtures of experts', 'mixture-of-experts'],
      ['Mixture-of-Expert', 'mixture-of-experts'],
      ['  MIXTURE   of experts ', 'mixture-of-experts'],
      ['audio codec', 'audio-codecs'],
      ['graph neural network', 'graph-neural-networks'],
      ['large language model agents', 'llm-agents'],
      ['reinforcement learning from human feedback', 'rlhf'],
      // Its words with another small word between them: the acronym is their content words'
      // initials, as it was before the acronym stood only for its own words.
      ['reinforcement learning with human feedback', 'rlhf'],
      // A word the field writes short ("neural nets"), as found before that rule too.
      ['graph neural nets', 'graph-neural-networks'],
      ['mixture-of-experts', 'mixture-of-experts'],
      ['MoE', 'mixture-of-experts'],
    ] as const) {
      expect(await read(typed), typed).toBe(slug);
    }
    // A narrower alias stays a topic of its own, inflected or not; the built-in is offered.
    const kv = await topics.findOrCreate('KV cache compressions', 'slack:U1');
    expect(kv.status === 'created' && (await topics.broaderOf(kv.topic))?.slug).toBe('token-compression');
    // Taken as typed (--create, quotes), a slip is a topic of its own, never the starter topic.
    const own = await topics.findOrCreate('mixture of expers', 'slack:U1');
    expect(own.status === 'created' && own.topic.slug).toBe('mixture-of-expers');
    expect(own.status === 'created' && (await topics.broaderOf(own.topic))).toBeNull();
  });

  it('rejects empty, 5,000-character and control-character names, storing nothing', async () => {
    const { topics } = service();
    for (const [name, msg] of [['  ', /empty/], ['x'.repeat(5000), /too long/], ['bad\u0007name', /control/]] as const) {
      const r = await topics.add({ name }, 'slack:U1');
      expect(r.status).toBe('invalid');
      if (r.status === 'invalid') expect(r.message).toMatch(msg);
    }
    expect(await topics.list()).toEqual([]);
  });

  it('creates ad-hoc topics from free text and refuses duplicates', async () => {
    const { topics } = service();
    const made = await topics.findOrCreate('state space models like Mamba', 'slack:U1');
    expect(made.status).toBe('created');
    const again = await topics.add({ name: 'State space models like Mamba' }, 'slack:U2');
    expect(again.status).toBe('exists');
    const found = await topics.findOrCreate('state space models like mamba', 'slack:U3');
    expect(found.status).toBe('found');
    expect((await topics.remove('state-space-models-like-mamba')).status).toBe('removed');
    expect((await topics.remove('state-space-models-like-mamba')).status).toBe('unknown');
  });

  it('validates categories and minimum upvotes', async () => {
    const { topics } = service();
    expect((await topics.add({ name: 'x-rays', categories: ['not a category!'] }, null)).status).toBe('invalid');
    expect((await topics.add({ name: 'x-rays', minUpvotes: -1 }, null)).status).toBe('invalid');
    expect((await topics.add({ name: 'x-rays', categories: ['cs.CL'], minUpvotes: 5, mustPhrases: ['kv cache'] }, null)).status).toBe('created');
  });

  it("checks categories against arXiv's taxonomy, keeping arXiv's spelling: a category that does not exist would match nothing", async () => {
    const { topics } = service();
    for (const bad of ['cs.CLL', 'bogus', 'foo', 'cs.XX']) expect((await topics.add({ name: 'parsing', categories: [bad] }, null)).status, bad).toBe('invalid');
    expect(await topics.add({ name: 'parsing', categories: ['cs.CLL'] }, null)).toMatchObject({ message: '"cs.CLL" is not an arXiv category (like cs.CL, or an archive like cs); did you mean cs.CL?' });
    const made = await topics.add({ name: 'parsing', categories: ['CS.cl', 'math'] }, null);
    expect(made).toMatchObject({ status: 'created', topic: { categories: ['cs.CL', 'math'] } });
  });

  it('phrase lists are checked one way, whether typed as must/must-not phrases or as a definition', async () => {
    const { topics } = service();
    const mention = await topics.add({ name: 'y', mustPhrases: ['kv cache', '<@U123>'] }, null);
    expect(mention).toMatchObject({ status: 'invalid', message: 'Must phrase "<@U123>" cannot contain a mention' });
    const many = await topics.add({ name: 'y', mustNotPhrases: Array.from({ length: 21 }, (_, i) => `phrase ${i}`) }, null);
    expect(many).toMatchObject({ status: 'invalid', message: 'Must-not: at most 20 phrases (got 21)' });
    expect(checkPhrases(['KV cache', 'kv cache', ' kv  cache '], 'Expansion')).toEqual({ ok: true, value: ['KV cache'] });
    expect(checkPhrases('kv cache', 'Expansion')).toEqual({ ok: false, error: 'Expansion: a list of phrases is expected' });
    expect(checkPhrases(undefined, 'Expansion')).toEqual({ ok: true, value: [] });
  });

  it('a phrase both for and against a topic is refused, named, in any letter case or spacing', async () => {
    const { stores, topics } = service();
    const drafts = createDraftService({ cache: stores.cache });
    const both = await drafts.edit('kv-cache-compression', { expansions: ['compression', 'KV cache'], exclusions: ['pruning', ' Compression '] });
    expect(both).toEqual({ status: 'invalid', message: '"Compression" is given both for and against the topic: keep it on one side' });
    expect((await drafts.get(['kv-cache-compression'])).size).toBe(0);
    expect(await drafts.edit('kv-cache-compression', { expansions: ['compression'], exclusions: ['pruning'] })).toMatchObject({ status: 'saved' });
    const must = await topics.add({ name: 'kv cache', mustPhrases: ['KV  cache'], mustNotPhrases: ['kv cache'] }, null);
    expect(must).toMatchObject({ status: 'invalid', message: '"kv cache" is given both as a must and a must-not phrase: no paper could match; keep it on one side' });
  });

  it("an LLM's phrase on both sides is left out of both, the rest of its draft kept", async () => {
    const { stores } = service();
    const drafter = { model: 'test-model', draft: async () => ({ expansions: ['compression', 'KV cache'], exclusions: ['COMPRESSION', 'pruning'] }) };
    const drafts = createDraftService({ cache: stores.cache, drafter });
    const draft = await drafts.ensure(freeTextTopic('kv cache compression', new Date()));
    expect(draft).toMatchObject({ expansions: ['KV cache'], exclusions: ['pruning'] });
  });

  it('a topic of one\'s own is found again typed with or without its acronym, and only with a word of the field beside it', async () => {
    const { topics } = service();
    const made = await topics.findOrCreate('KV cache compression', 'slack:U9');
    expect(made).toMatchObject({ status: 'created', topic: { slug: 'kv-cache-compression' } });
    for (const typed of ['key value cache compression', 'key-value cache compression', 'Key-Value Cache Compression']) {
      expect(await topics.findOrCreate(typed, 'slack:U8')).toMatchObject({ status: 'found', topic: { slug: 'kv-cache-compression' } });
    }
    // The other way round, a plural acronym, and a long form in brackets.
    await topics.findOrCreate('graph neural networks for molecules', 'slack:U9');
    expect(await topics.find('GNNs for molecules')).toMatchObject({ status: 'found', topic: { slug: 'graph-neural-networks-for-molecules' } });
    await topics.findOrCreate('MoE routing', 'slack:U9');
    expect(await topics.find('mixture of experts (MoE) routing')).toMatchObject({ status: 'found', topic: { slug: 'moe-routing' } });
    // An acronym beside common words only, or alone, may mean another subfield's idea.
    await topics.findOrCreate('SR models', 'slack:U9');
    expect(await topics.findOrCreate('speech recognition models', 'slack:U9')).toMatchObject({ status: 'created' });
    expect(await topics.findOrCreate('KV cache eviction', 'slack:U9')).toMatchObject({ status: 'created' });
  });

  it('free text longer than a name is refused whole, counted as every other way in counts it (UTF-16 units)', async () => {
    const { topics } = service();
    const fits = await topics.findOrCreate(`protein ${'a'.repeat(110)}🧬`, 'slack:U9');
    // Counted as typed; the emoji is no word of the name it makes.
    expect(fits.status === 'created' && fits.topic.name).toBe(`protein ${'a'.repeat(110)}`);
    const over = await topics.findOrCreate(`protein ${'b'.repeat(110)}🧬 and folding`, 'slack:U9');
    expect(over).toEqual({ status: 'invalid', message: 'Topic name is too long (132 characters, counting an emoji or other symbol beyond the basic range as two; at most 120)' });
    expect((await topics.list()).filter((t) => t.name.startsWith('protein'))).toHaveLength(1);
  });

  it('slugs and suggestions handle non-Latin names', () => {
    expect(slugify('Graph Neural Networks!')).toBe('graph-neural-networks');
    // Cut where a letter beyond the Basic Multilingual Plane starts: no half of it is kept.
    const astral = slugify(`${'a'.repeat(70)}\u{2000B}${'b'.repeat(20)}`);
    expect(astral).toMatch(/^a{70}-[0-9a-f]{8}$/);
    expect(astral).not.toMatch(/[\uD800-\uDFFF]/);
    expect(slugify('语音 编码')).toBe('语音-编码');
    expect(closestNames('graph nets', ['graph neural networks', 'audio codecs'])).toEqual(['graph neural networks']);
  });

  it('different names get different slugs: languages by their signs, scripts by their marks', async () => {
    const distinct = [
      ['C++ compilers', 'C# compilers', 'C compilers'],
      ['F#', 'F'],
      ['.NET runtime', 'NET runtime'],
      // Hindi words that differ in vowel signs only; katakana with and without voicing.
      ['कोड जनरेशन', 'किड जनरेशन'],
      ['コーデック', 'コーテック'],
    ];
    for (const names of distinct) expect(new Set(names.map(slugify)).size, names.join(' / ')).toBe(names.length);
    expect(slugify('C++ compilers')).toBe('c-plus-plus-compilers');
    expect(slugify('C# compilers')).toBe('c-sharp-compilers');
    // Accents of Latin letters still fold, and slugifying a slug keeps it.
    expect(slugify('Café Ünïcödé')).toBe('cafe-unicode');
    for (const name of ['C++ compilers', 'कोड जनरेशन', 'コーデック', '.NET']) expect(slugify(slugify(name))).toBe(slugify(name));

    expect(slugify('мой')).not.toBe(slugify('мои'));
    expect(slugify('agents ...for coding')).toBe('agents-for-coding');

    // Topics stored under the old slugs are found by any spelling of their names, and only by them.
    const old = service();
    for (const name of ['C++ compilers', 'कोड जनरेशन']) await old.stores.topics.add({ ...freeTextTopic(name, new Date('2026-11-01T00:00:00Z'), 'slack:U1'), slug: legacySlugify(name) });
    expect(legacySlugify('C++ compilers')).toBe('c-compilers');
    for (const typed of ['C++ compilers', 'C++ Compilers!', 'c++-compilers']) expect(await old.topics.find(typed), typed).toMatchObject({ status: 'found', topic: { name: 'C++ compilers', slug: 'c-compilers' } });
    expect(await old.topics.find('कोड-जनरेशन.')).toMatchObject({ status: 'found', topic: { name: 'कोड जनरेशन' } });
    for (const other of ['C# compilers', 'C compilers', 'किड जनरेशन']) expect((await old.topics.find(other)).status, other).toBe('unknown');
    // Made now, "C compilers" is a topic of its own beside the old one, found by its name.
    const made = await old.topics.findOrCreate('C compilers', 'slack:U2');
    expect(made).toMatchObject({ status: 'created', topic: { name: 'C compilers', slug: 'c-compilers-2' } });
    expect(await old.topics.find('C compilers')).toMatchObject({ status: 'found', topic: { slug: 'c-compilers-2' } });
    expect(await old.topics.find('C++ compilers')).toMatchObject({ status: 'found', topic: { slug: 'c-compilers' } });

    // Subscribing to one no longer finds the other.
    const { topics } = service();
    const cpp = await topics.add({ name: 'C++ compilers' }, 'slack:U1');
    expect(cpp.status).toBe('created');
    expect(await topics.find('C# compilers')).toMatchObject({ status: 'unknown' });
    expect(await topics.findOrCreate('C# compilers', 'slack:U1')).toMatchObject({ status: 'created', topic: { name: 'C# compilers' } });
  });

  it('slugs never end in "-", and a slug stored with one before is still found by that slug', async () => {
    const name = 'speculative decoding for long documents '.repeat(3).trim();
    // Cut at a word's end, with a hash of the whole name.
    expect(slugify(name)).toMatch(/^speculative-decoding-for-long-documents-speculative-decoding-for-long-[0-9a-f]{8}$/);
    // Cut at a separator, the hash follows one '-' only.
    const atSeparator = `${'a'.repeat(70)} bbbbbbbbbbbbbbbbbbbb`;
    expect(slugify(atSeparator)).toMatch(new RegExp(`^${'a'.repeat(70)}-[0-9a-f]{8}$`));
    expect(slugify(atSeparator).length).toBeLessThanOrEqual(80);
    const { stores, topics } = service();
    await stores.topics.add({ slug: 'legacy-long-topic-', name: 'legacy long topic …', description: null, createdAt: new Date(), createdBy: null } as never);
    expect(await topics.find('legacy-long-topic-')).toMatchObject({ status: 'found', topic: { slug: 'legacy-long-topic-' } });
  });

  it('two long names alike for their first 80 characters are two topics, and one stored under the bare cut is still found by its own name only', async () => {
    const stem = 'Retrieval augmented generation for long scientific documents with citations, tables and figures';
    const [biology, physics] = [`${stem} in biology`, `${stem} in physics`];
    expect(slugify(biology)).not.toBe(slugify(physics));
    for (const n of [biology, physics]) expect(slugify(n).length).toBeLessThanOrEqual(80);
    const { topics } = service();
    expect(await topics.findOrCreate(biology, 'slack:U1')).toMatchObject({ status: 'created', topic: { name: biology } });
    expect(await topics.findOrCreate(physics, 'slack:U2')).toMatchObject({ status: 'created', topic: { name: physics } });
    expect(await topics.find(physics)).toMatchObject({ status: 'found', topic: { name: physics } });
    expect(await topics.find(`${stem} in geology`)).toMatchObject({ status: 'unknown' });

    // Stored by an earlier release under the first 80 characters alone.
    const old = service();
    await old.stores.topics.add({ ...freeTextTopic(biology, new Date('2026-11-01T00:00:00Z'), 'slack:U1'), slug: legacySlugify(biology) });
    expect(await old.topics.find(biology)).toMatchObject({ status: 'found', topic: { slug: legacySlugify(biology) } });
    expect(await old.topics.find(physics)).toMatchObject({ status: 'unknown' });
    expect(await old.topics.findOrCreate(physics, 'slack:U2')).toMatchObject({ status: 'created', topic: { name: physics, slug: slugify(physics) } });
  });

  it('suggests only the name a typo away when there is one, not others that share a word with it', () => {
    const names = ['stopping reasoning models from overthinking', 'diffusion models for video', 'audio codecs'];
    expect(closestNames('stopping reasoning models from overthinkin', names)).toEqual(['stopping reasoning models from overthinking']);
    expect(closestNames('models for video', names)).toEqual(['diffusion models for video']);
    // Sharing only a word most topics have ("models") makes no name close.
    expect(closestNames('making reasoning models cheaper', ['diffusion models for video', 'audio codecs'])).toEqual([]);
    expect(closestNames('making reasoning models cheaper', names)).toEqual(['stopping reasoning models from overthinking']);
  });

  it('suggestions take a typo by the same rule as subscribe: an eighth of a long name, one edit in a short one', () => {
    // Three slips in a long name are still that name, and it alone is offered.
    const names = ['stopping reasoning models from overthinking', 'reasoning models'];
    expect(closestNames('stoping reasoning modls from overthinkin', names)).toEqual(['stopping reasoning models from overthinking']);
    // Two edits in three letters is another word ('rag' is not 'gan'): the name sharing a word is offered instead.
    expect(closestNames('rag', ['gan', 'rag evaluation'])).toEqual(['rag evaluation']);
  });
});

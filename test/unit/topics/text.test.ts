/**
 * The stemmer must not turn ordinary words into the field's three-letter abbreviations:
 * 'gated' read as GAT (graph attention network) made a topic on graph neural networks match
 * papers on gated memory, and 'same' read as SAM (Segment Anything).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { contentStems, nameStems, stem, words } from '../../../src/core/topics/text.js';
import { nearForm, surfaceForm } from '../../../src/core/topics/paper-features.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';

/** Papers on something else, so the corpus is large enough to calibrate a topic's bar on. */
const background = Array.from({ length: 40 }, (_, i) => ({ arxivId: `bg${i}`, title: `Background study ${i} of image classification`, abstract: `We evaluate convolutional networks on dataset ${i} for image classification and report accuracy.` }));

describe('adjectives in -ive', () => {
  it('keep their own meaning where the root means something else, and meet the root where it does not', () => {
    for (const [adjective, root] of [['effective', 'effect'], ['objective', 'object'], ['relative', 'related'], ['representative', 'representation'], ['informative', 'information'], ['comprehensive', 'comprehension']] as const) expect(stem(adjective), adjective).not.toBe(stem(root));
    for (const [adjective, root] of [['generative', 'generation'], ['adaptive', 'adapt'], ['predictive', 'predict'], ['contrastive', 'contrast'], ['interactive', 'interact']] as const) expect(stem(adjective), adjective).toBe(stem(root));
    // "objectives" too: the plural comes off first.
    expect(stem('objectives')).toBe(stem('objective'));
  });
});

describe('adjectives in -ical', () => {
  it("meet the field in -ics they are of, and only such fields: 'critical' is no critic", () => {
    for (const [adjective, field] of [['physical', 'physics'], ['mathematical', 'mathematics'], ['statistical', 'statistics'], ['dynamical', 'dynamics'], ['ethical', 'ethics']] as const) expect(stem(adjective), adjective).toBe(stem(field));
    for (const [adjective, other] of [['critical', 'critic'], ['typical', 'type'], ['practical', 'practice'], ['empirical', 'empiric']] as const) expect(stem(adjective), adjective).not.toBe(stem(other));
  });
});

describe('stem', () => {
  it.each([
    ['spelling', 'spel'],
    ['dwelling', 'dwel'],
    ['contour', 'contor'],
    ['install', 'instal'],
  ])('%s keeps its own letters (not %s)', (word, wrong) => {
    expect(stem(word)).not.toBe(wrong);
  });

  it.each([
    ['fixes', 'fix'],
    ['fixing', 'fix'],
    ['fixed', 'fix'],
    ['boxes', 'box'],
    ['mixing', 'mix'],
    ['making', 'make'],
  ])('%s meets %s, the word it inflects', (word, root) => {
    expect(stem(word)).toBe(stem(root));
  });

  it.each([
    ['gated', 'gat'],
    ['gating', 'gat'],
    ['gates', 'gat'],
    ['same', 'sam'],
    ['rage', 'rag'],
  ])('%s does not stem to the abbreviation %s', (word, abbreviation) => {
    expect(stem(word)).not.toBe(stem(abbreviation));
  });

  it.each([
    ['gate', 'gated', 'gating', 'gates'],
    ['make', 'making', 'makes'],
    ['code', 'coded', 'coding', 'codes'],
    ['run', 'running', 'runs'],
    ['set', 'setting', 'sets'],
    ['llm', 'llms'],
    ['vision', 'visual', 'visuals'],
    ['supervision', 'supervised'],
    ['diffusion', 'diffused'],
    // Words whose -ed is their own.
    ['speed', 'speeds', 'speeding', 'speeded'],
    ['embed', 'embeds', 'embedding', 'embedded', 'embeddings'],
    ['exceed', 'exceeds', 'exceeding', 'exceeded'],
    // British and American spellings.
    ['modeling', 'modelling', 'modelled', 'modeled'],
    ['labeling', 'labelling', 'labelled'],
    ['behavior', 'behaviour', 'behaviours'],
    ['behavioral', 'behavioural'],
    ['analyze', 'analyse', 'analysed', 'analysing'],
    ['center', 'centre', 'centres'],
  ])('keeps the forms of %s together', (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1);
  });
});

describe('abbreviations in papers', () => {
  it('a topic on graph neural networks does not match a paper whose only link is the word "gated"', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      { arxivId: 'gnn', title: 'Graph attention networks for molecules', abstract: 'We train a GAT, a graph neural network with attention over neighbouring atoms, for property prediction.' },
      { arxivId: 'gated', title: 'Gated recurrent memory for long-context reasoning', abstract: 'A gated memory decides when to update and when gates close, improving long-context reasoning.' },
      ...background,
    ];
    const topic = freeTextTopic('graph neural networks', at, 'u', 'gnn-topic');
    const got = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]).map((r) => r.arxivId);
    expect(got).toContain('gnn');
    expect(got).not.toContain('gated');
  });
});

describe('compound words', () => {
  it('a two-word topic also finds the pair written as one word', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      { arxivId: 'joined', title: 'Scaling multiagent systems with process rewards', abstract: 'Multiagent systems of language models solve math problems together; we reward each step.' },
      ...background,
    ];
    const topic = freeTextTopic('multi-agent systems', at, 'u', 'mas');
    const got = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]);
    expect(got.map((r) => r.arxivId)).toContain('joined');
    expect(got.find((r) => r.arxivId === 'joined')!.why).toContain('multiagent');
  });

  it('a word typed as one finds the pair the papers write ("multiagent" → "multi-agent")', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      ...['debate', 'planning', 'collaboration'].map((w, i) => ({ arxivId: `apart${i}`, title: `Multi-agent ${w} with language models`, abstract: `Multi-agent ${w}: several LLM agents work together on math problems.` })),
      ...background,
    ];
    const topic = freeTextTopic('multiagent LLM systems', at, 'u', 'mas2');
    const got = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]);
    expect(got.map((r) => r.arxivId).sort()).toEqual(['apart0', 'apart1', 'apart2']);
  });

  it('a pair with a common word in it also finds it written as one word ("pre-training" → "pretraining")', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      { arxivId: 'joined', title: 'Pretraining language models on curated web text', abstract: 'Pretraining on curated web text makes language models learn faster.' },
      // Most write it apart, so the topic is read as two words.
      ...['vision encoders', 'speech models', 'code models'].map((w, i) => ({ arxivId: `apart${i}`, title: `Pre-training ${w} on curated data`, abstract: `Pre-training ${w} on curated data makes them learn faster.` })),
      ...background,
    ];
    const topic = freeTextTopic('pre-training', at, 'u', 'pt');
    const got = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic], { matchedOnly: false });
    // Its one word weighs less than the pair and its 'pre' together, but it is evidence now.
    expect(got.find((r) => r.arxivId === 'joined')?.score ?? 0).toBeGreaterThan(0);
  });

  it('a joined word whose stem lost the e of its last word finds the pair ("finetuning" → "fine-tuning")', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      ...['vision transformers', 'speech recognizers', 'code models'].map((w, i) => ({ arxivId: `apart${i}`, title: `Fine-tuning ${w} on little data`, abstract: `Fine-tuning ${w} on a few hundred labelled examples beats training them from scratch.` })),
      // One paper writes it as one word, which is then a word of the corpus.
      { arxivId: 'joined', title: 'Finetuned translation models', abstract: 'We finetuned a translation model on parallel text.' },
      ...background,
    ];
    const topic = freeTextTopic('finetuning', at, 'u', 'ft');
    const got = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]);
    expect(got.map((r) => r.arxivId)).toEqual(expect.arrayContaining(['apart0', 'apart1', 'apart2']));
  });
});

describe('plain-language topics', () => {
  it('light verbs ("getting", "making", "helping") are grammar, not aspects a match has to cover', async () => {
    const { compileTopicModel } = await import('../../../src/core/topics/topic-model.js');
    const { shippedVocabulary } = await import('../../../src/core/topics/vocabulary/index.js');
    const papers = Array.from({ length: 40 }, (_, i) => ({ arxivId: `p${i}`, title: `Agents for scientific research ${i}`, abstract: `We help scientists get results faster by making research agents. Study ${i}.` }));
    const corpus = buildCorpus(papers);
    for (const [text, light] of [['getting AI to run chemistry labs', 'get'], ['making image generators faster', 'make'], ['helping doctors read scans', 'help']] as const) {
      const model = compileTopicModel(text, corpus, shippedVocabulary());
      expect(model.aspectWords).not.toContain(stem(light));
      expect(model.aspectWords.length).toBeGreaterThan(1);
    }
  });

  it('contractions and function words ("they\'re", "can\'t", "you", "once") are no aspects a match has to cover', async () => {
    const { compileTopicModel } = await import('../../../src/core/topics/topic-model.js');
    const { shippedVocabulary } = await import('../../../src/core/topics/vocabulary/index.js');
    const corpus = buildCorpus(background);
    const cases = [
      ["shrinking AI models so they're cheaper to run", ['shrink', 'cheaper', 'run']],
      ['AI that outlines objects in pictures you describe', ['outlin', 'object', 'pictur', 'describ']],
      ['text AI that refines a whole answer at once', ['text', 'refin', 'whol', 'answer']],
      ["spotting when an AI\u2019s answer can't be trusted", ['spot', 'answer', 'trust']],
    ] as const;
    for (const [text, aspects] of cases) expect(compileTopicModel(text, corpus, shippedVocabulary()).aspectWords, text).toEqual(aspects);
    // Words as typed, not stems: 'mining' stems to 'mine', and "still images" are a subject.
    expect(compileTopicModel('process mining', corpus, shippedVocabulary()).aspectWords).toContain(stem('mining'));
    expect(compileTopicModel('animating still images', corpus, shippedVocabulary()).aspectWords).toContain(stem('still'));
  });

  it("a paper's possessives and contractions keep its phrases together", () => {
    expect(contentStems("the model's KV cache isn't compressed")).toEqual(['model', 'kv', stem('cache'), 'compress']);
  });
});

describe('abbreviations a paper defines', () => {
  it('an abbreviation means what its own paper defines it as', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      { arxivId: 'jailbreak', title: 'Multi-turn jailbreak attacks', abstract: 'We raise the attack success rate (ASR) of jailbreaks. ASR grows with turns; our ASR is the best on three chatbots.' },
      { arxivId: 'speech', title: 'Streaming models for transcription', abstract: 'We build automatic speech recognition (ASR) that streams. Our ASR has low latency and the ASR error rate is low.' },
      ...background,
    ];
    const all = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [freeTextTopic('speech recognition', at, 'u', 'asr')], { matchedOnly: false });
    expect(all.filter((r) => r.matched).map((r) => r.arxivId)).toEqual(['speech']);
    // Not even below the bar: the jailbreak paper's ASR is no evidence for speech recognition.
    expect(all.find((r) => r.arxivId === 'jailbreak')?.why ?? 'no evidence').not.toMatch(/asr/i);
  });
});

describe('state of the art', () => {
  it('is no evidence of a subject, so "art" can be one', () => {
    expect(contentStems('State-of-the-art results on art generation')).toEqual(['result', stem('art'), stem('generation')]);
    expect(contentStems('the state of the art')).toEqual([]);
    for (const written of ['State-of-art captioning', 'state of art captioning', 'the state-of-the-art captioning']) expect(contentStems(written), written).toEqual([stem('captioning')]);
    expect(nameStems('State-of-the-Art art')).toEqual([stem('art')]);
    // "to" stays in names, as before.
    expect(nameStems('text to image')).toEqual([stem('text'), 'to', stem('image')]);
    expect(contentStems('state machines for art')).toEqual([stem('state'), stem('machines'), stem('art')]);
    // A topic on art generation matches papers on art, not every paper with a state-of-the-art result.
    const art = { arxivId: 'art', title: 'Painting in the style of old masters', abstract: 'We study generative art: art generation with diffusion models.' };
    const sota = Array.from({ length: 3 }, (_, i) => ({ arxivId: `sota${i}`, title: `Generation of captions ${i}`, abstract: 'State-of-the-art generation quality on captioning.' }));
    const results = createMatcher().matchPapers([...background, art, ...sota], [freeTextTopic('art generation', new Date(), 'u', 'art-generation')], { matchedOnly: false });
    const best = results.reduce((a, b) => (b.score > a.score ? b : a));
    expect(best.arxivId).toBe('art');
    // No paper is credited with 'art' for saying "state-of-the-art".
    for (const r of results.filter((x) => x.arxivId.startsWith('sota'))) {
      expect(r.why).not.toMatch(/'art'/);
      expect(r.score).toBeLessThan(best.score);
      expect(r.matched).toBe(false);
    }
  });
});

describe('N-fold', () => {
  it('is a multiplier or a data split, no folding: "protein folding" is not met by a 10.9-fold speedup', () => {
    for (const text of ['a 10.9-fold speedup', '5-fold cross-validation', 'a ten-fold increase', 'k-fold splits']) expect(contentStems(text), text).not.toContain(stem('folding'));
    expect(contentStems('protein folding')).toEqual([stem('protein'), stem('folding')]);
    expect(contentStems('folding proteins in two folds')).toContain(stem('folding'));
    const background = Array.from({ length: 40 }, (_, i) => ({ arxivId: `bg${i}`, title: `Background study ${i} of image classification`, abstract: `We evaluate convolutional networks on dataset ${i} for image classification and report accuracy.` }));
    const moe = { arxivId: 'moe', title: 'Efficient experts at scale', abstract: 'Our mixture of experts gives a 10.9-fold speedup and 5-fold lower memory.' };
    const results = createMatcher().matchPapers([...background, moe], [freeTextTopic('protein folding', new Date(), 'u', 'protein-folding')], { matchedOnly: false });
    expect(results.find((r) => r.arxivId === 'moe')).toBeUndefined();
  });
});

describe('words of other scripts', () => {
  it('a word goes on through its combining marks', async () => {
    const { words } = await import('../../../src/core/topics/text.js');
    expect(words('कोड जनरेशन')).toHaveLength(2);
    expect(words('कोड')).not.toEqual(words('किड'));
    expect(words('コーデック')).toHaveLength(1);
    // Latin accents still fold.
    expect(words('Café naïve')).toEqual(['cafe', 'naive']);
  });
});

describe('phrases of a topic', () => {
  it('splits at "and"/"or" and lends the shared word across the ellipsis', async () => {
    const { phraseRuns, contentStems: stems } = await import('../../../src/core/topics/text.js');
    const pairs = (text: string) => new Set(phraseRuns(text, stems, () => true).flatMap((run) => run.slice(0, -1).map((a, i) => `${a} ${run[i + 1]}`)));
    const editing = pairs('image and video editing');
    expect(editing).toContain(`${stem('image')} ${stem('editing')}`);
    expect(editing).toContain(`${stem('video')} ${stem('editing')}`);
    expect(editing).not.toContain(`${stem('image')} ${stem('video')}`);
    expect(pairs('speech recognition and synthesis')).toContain(`${stem('speech')} ${stem('synthesis')}`);
    expect(pairs('medical imaging and clinical LLMs')).not.toContain(`${stem('imaging')} ${stem('clinical')}`);
  });
});

describe('seek (postings intersection)', () => {
  it('finds the first index at or after `from` holding at least the target, as a linear scan would', async () => {
    const { seek } = await import('../../../src/core/topics/corpus.js');
    const list = Array.from({ length: 300 }, (_, i) => i * 3 + (i % 2));
    for (let from = 0; from <= list.length; from += 7) {
      for (let target = -2; target < 920; target += 5) {
        let linear = from;
        while (linear < list.length && list[linear]! < target) linear++;
        expect(seek(list, from, target)).toBe(linear);
      }
    }
  });
});

describe('words kept from a text', () => {
  // The collector on demand, to weigh what stays reachable after the texts are gone.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const filler = 'we propose a method for training models and evaluate it on benchmarks. '.repeat(200);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  // Distinct long words (a slice from 13 characters on), each in its own 28 KB text.
  const word = (i: number) => `${Array.from({ length: 4 }, (_, k) => letters[Math.floor(i / 26 ** k) % 26]).join('')}zq${'x'.repeat(12)}`;

  it('by the stem cache are the words it has seen, not the texts they were read from', () => {
    const before = heap();
    let stems = 0;
    for (let i = 0; i < 2_000; i++) stems += contentStems(`${filler} ${word(i)} ${filler}`).length;
    const grown = heap() - before;
    expect(stems).toBeGreaterThan(2_000);
    // Holding each text would be about 56 MB; the words themselves are well under one.
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });

  it("by a match's reason are the words it quotes, not the paper's text", () => {
    const before = heap();
    const quotes: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      const text = `${filler} ${word(i)} ${filler} ${word(i + 1)} near ${word(i + 2)}.`;
      quotes.push(surfaceForm(text, [stem(word(i))], true), surfaceForm(text, [stem(word(i)), 'absent'], false), nearForm(text, stem(word(i + 1)), stem(word(i + 2)))!);
    }
    const grown = heap() - before;
    expect(quotes.slice(0, 3)).toEqual([word(0), `${word(0)} … absent`, `${word(1)} … ${word(2)}`]);
    // Holding each text would be over 56 MB.
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });
});

describe('an abbreviation in a phrase', () => {
  it('"LLM reasoning" asks, as "reasoning in LLMs" does, for both: a paper on LLMs alone is no evidence', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      ...['math', 'code', 'logic'].map((w, i) => ({ arxivId: `both${i}`, title: `LLM reasoning on ${w} problems`, abstract: `Large language models (LLMs) reason step by step on ${w} problems; we study LLM reasoning.` })),
      ...['serving', 'quantization', 'watermarks', 'tokenizers', 'caching'].map((w, i) => ({ arxivId: `llm${i}`, title: `LLM ${w} at scale`, abstract: `Large language models (LLMs) need ${w}; we build ${w} for LLMs and LLM serving.` })),
      ...['legal', 'causal'].map((w, i) => ({ arxivId: `reason${i}`, title: `${w} reasoning`, abstract: `We study ${w} reasoning in humans.` })),
      ...background,
    ];
    const matcher = createMatcher({ corpus: buildCorpus(papers) });
    const evidence = (text: string) => matcher.matchPapers(papers, [freeTextTopic(text, at, 'u', 'r')], { matchedOnly: false }).filter((r) => r.score > 0).map((r) => r.arxivId).sort();
    expect(evidence('LLM reasoning')).toEqual(['both0', 'both1', 'both2']);
    expect(evidence('LLM reasoning')).toEqual(evidence('reasoning in LLMs'));
  });
});

describe('an abbreviation before a word', () => {
  it('"LLM reasoning" also counts "reasoning in LLMs", as papers put it', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const papers = [
      { arxivId: 'def', title: 'Large language models (LLMs) for code', abstract: 'Large language models (LLMs) write code.' },
      { arxivId: 'after', title: 'Faithful reasoning in LLMs', abstract: 'We make reasoning in LLMs faithful to their answers.' },
      ...background,
    ];
    const matcher = createMatcher({ corpus: buildCorpus(papers) });
    const got = matcher.matchPapers(papers, [freeTextTopic('LLM reasoning', at, 'u', 'r')], { matchedOnly: false });
    expect(got.find((r) => r.arxivId === 'after')!.why).toMatch(/reasoning (in )?llms/i);
  });
});

describe('words', () => {
  it('fold the accents of Latin letters and keep the marks other scripts spell with', () => {
    // The breve and tonos were taken off ('мои', 'ελληνικα'): words no paper in those scripts holds as written.
    expect(words('Naïve Müller мой новый Ελληνικά कुमार เครื่อง')).toEqual(['naive', 'muller', 'мой', 'новый', 'ελληνικά', 'कुमार', 'เครื่อง']);
  });
});

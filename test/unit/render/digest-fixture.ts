import type { Digest, DigestItem } from '../../../src/core/digest/digest.js';

export const HOSTILE = [
  '@everyone @here <!channel> <!here> <!everyone> <@U123ABC> <@&987654321> <@!42> <#C999>',
  '[Click me](https://evil.example/x) <https://evil.example|totally arxiv> **bold** `code` # heading',
  '\u001b[31mred\u001b[0m NUL\u0000 bidi\u202Eevil\u202C',
  'مرحبا بالعالم — RTL text 🧑‍🔬👩🏽‍💻 🇩🇪 e\u0301 &amp; &lt;',
].join(' ');

export function item(i: number, over: Partial<DigestItem> = {}): DigestItem {
  return {
    arxivId: `2611.${String(10000 + i)}`,
    title: `Paper ${i}: ${'Neural audio codecs at scale '.repeat(3)}`,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
    absUrl: `https://arxiv.org/abs/2611.${String(10000 + i)}`,
    pdfUrl: `https://arxiv.org/pdf/2611.${String(10000 + i)}`,
    summary: 'A short summary of the paper that says what it does.',
    topicSlug: i % 2 ? 'audio-codecs' : 'speech-llm',
    topicName: i % 2 ? 'Audio codecs' : 'Speech LLMs',
    why: 'matched "audio codec" in title',
    score: 100 - i,
    upvotes: i,
    publishedAt: new Date('2026-11-27T00:00:00Z'),
    ...over,
  };
}

export function digestOf(items: DigestItem[], over: Partial<Digest> = {}): Digest {
  const sections = new Map<string, Digest['sections'][number]>();
  for (const it of items) {
    const s = sections.get(it.topicSlug) ?? { topicSlug: it.topicSlug, topicName: it.topicName, items: [] };
    s.items.push(it);
    sections.set(it.topicSlug, s);
  }
  return {
    targetId: 'slack:C123',
    platform: 'slack',
    windowStart: new Date('2026-11-27T09:00:00Z'),
    windowEnd: new Date('2026-11-28T09:00:00Z'),
    windowKey: '2026-11-28T09:00:00.000Z',
    sections: [...sections.values()],
    totalItems: items.length,
    whose: 'channel',
    ...over,
  };
}

/** 60 papers with 2,000-char titles full of hostile text. */
export function hugeDigest(platform: Digest['platform'] = 'slack'): Digest {
  const items = Array.from({ length: 60 }, (_, i) =>
    item(i, {
      title: (HOSTILE + ' ').repeat(20).slice(0, 2000),
      authors: Array.from({ length: 300 }, (_, a) => `Author ${a} <@U${a}>`),
      summary: (HOSTILE + ' ').repeat(40).slice(0, 5000),
      why: HOSTILE,
      topicName: `Topic ${i % 3} ${HOSTILE}`.slice(0, 400),
      topicSlug: `topic-${i % 3}`,
    }),
  );
  return digestOf(items, { platform, targetId: platform === 'discord' ? 'discord:123' : 'slack:C123' });
}

/** Every string anywhere inside a JSON-like value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** No lone surrogate halves (a cut inside a pair). */
export function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

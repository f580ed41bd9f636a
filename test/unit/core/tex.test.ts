/**
 * TeX in arXiv titles and abstracts, read as text for people (src/core/papers/tex.ts). The cases
 * are real titles and abstract phrases of the shared real-paper set (early 2026), as arXiv
 * writes them, plus text that only looks like TeX.
 */
import { describe, expect, it } from 'vitest';
import { renderDiscordDigestParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackDigest } from '../../../src/chat/slack/render.js';
import { renderDigestText } from '../../../src/chat/text/plain.js';
import { buildDigest } from '../../../src/core/digest/build.js';
import { paperCard } from '../../../src/core/papers/paper-card.js';
import { fromTexAccents, readableTex } from '../../../src/core/papers/tex.js';
import { paper } from '../digest/fixtures.js';
import { docFields } from '../../../src/core/topics/corpus.js';
import { analyzePaper, hasPhrase } from '../../../src/core/topics/paper-features.js';
import { stem } from '../../../src/core/topics/text.js';

describe('readableTex', () => {
  // Titles first.
  it.each([
    ['BrowseComp-$V^3$: A Visual, Vertical, and Verifiable Benchmark for Multimodal Browsing Agents', 'BrowseComp-V³: A Visual, Vertical, and Verifiable Benchmark for Multimodal Browsing Agents'],
    ['UniWeTok: An Unified Binary Tokenizer with Codebook Size $\\mathit{2^{128}}$ for Unified Multimodal Large Language Model', 'UniWeTok: An Unified Binary Tokenizer with Codebook Size 2¹²⁸ for Unified Multimodal Large Language Model'],
    ['VGG-T$^3$: Offline Feed-Forward 3D Reconstruction at Scale', 'VGG-T³: Offline Feed-Forward 3D Reconstruction at Scale'],
    ['$C$-$ΔΘ$: Circuit-Restricted Weight Arithmetic for Selective Refusal', 'C-ΔΘ: Circuit-Restricted Weight Arithmetic for Selective Refusal'],
    // Abstracts.
    ['it inherits $2.7\\times$ more teacher-specific bias', 'it inherits 2.7× more teacher-specific bias'],
    ['achieves 2.56$\\times$ speedup', 'achieves 2.56× speedup'],
    ['36.2 AP$_r$ on the LVIS minival', '36.2 APᵣ on the LVIS minival'],
    ['a mere $5\\%$ of these', 'a mere 5% of these'],
    ['we introduce $\\textbf{Parallel-Probe}$, a training-free', 'we introduce Parallel-Probe, a training-free'],
    ['efficiency (e.g., $1.2{\\sim}1.3\\times$ end-to-end)', 'efficiency (e.g., 1.2~1.3× end-to-end)'],
    ['(ICC$\\approx$0.78)', '(ICC≈0.78)'],
    ['binary ($\\pm$1) layers', 'binary (±1) layers'],
    ['ImageNet $256\\times256$', 'ImageNet 256×256'],
    ['the $V^*$ VQA benchmark', 'the V* VQA benchmark'],
    ['the gap $Δ\\mathcal{L}$ as', 'the gap Δℒ as'],
    ['signals $r^{\\text{update}}$ and', 'signals rᵘᵖᵈᵃᵗᵉ and'],
    ['\\textit{GigaBrain-0.5M$^*$} exhibits', 'GigaBrain-0.5M* exhibits'],
    ['we propose ${\\bf \\texttt{Sink-Aware Pruning}}$, which', 'we propose Sink-Aware Pruning, which'],
    ['a triplet $\\{\\mathbf{a}$, $\\mathbf{a}\'$, $\\mathbf{b}\\}$', "a triplet {a, a', b}"],
    ['$\\mathcal{O}(n \\log n)$ time', '𝒪(n log n) time'],
    ['$\\mathbb{R}^d$, $x_{t+1}$, $\\hat{y}$, $\\frac{1}{2}$, $\\frac{a+b}{2}$', 'ℝᵈ, xₜ₊₁, ŷ, 1/2, (a+b)/2'],
    ['$x^{2y+z}$ but $x^{q+1}$ (no raised q)', 'x²ʸ⁺ᶻ but x^(q+1) (no raised q)'],
    // Braces math gives are not read again as TeX groups when the text around is TeX too.
    ['$\\{0,1\\}^n$ codes with \\textbf{bold} claims, 5\\% more', '{0,1}ⁿ codes with bold claims, 5% more'],
  ])('as arXiv writes it: %s', (tex, text) => {
    expect(readableTex(tex)).toBe(text);
  });

  it('leaves alone what only looks like TeX: money, plain carets, text without either sign', () => {
    for (const text of ['costs $5 and $10 per run', 'US$5 a month', 'O(n^2) plain', 'no TeX here', '$', '$$', 'a $ sign', 'C:\\Users\\me']) expect(readableTex(text), text).toBe(text);
    expect(readableTex('a \\$3 fee, 100\\% sure')).toBe('a $3 fee, 100% sure');
  });

  it('reads accented names as before, and survives broken or huge input', () => {
    expect(fromTexAccents('G{\\"o}del and Erd\\H{o}s')).toBe('Gödel and Erdős');
    expect(readableTex('G{\\"o}del and Bal\\\'azs')).toBe('Gödel and Balázs');
    for (const broken of ['$\\frac{1}{$', '$\\mathbf{a$ b', '$^$', '$x^{$', '\\textbf{unclosed', '$\\$', '{{{{', '$\\$$']) expect(typeof readableTex(broken), broken).toBe('string');
    const huge = `${'$x^2$ '.repeat(2000)}${'{'.repeat(5000)}`;
    expect(readableTex(huge).startsWith('x² x² ')).toBe(true);
  });
});

describe('papers as messages show them', () => {
  const tex = paper('2601.00001', { title: 'BrowseComp-$V^3$: A Benchmark', summary: 'It is $2.7\\times$ faster.', abstract: 'It is $2.7\\times$ faster.' });

  it('a card shows no summary that only says the title again (a paper without an abstract), cut short or not', () => {
    const bare = paper('2601.00002', { title: 'Sparse  Attention for Long Context', abstract: '', summary: 'Sparse attention for long context' });
    expect(paperCard(bare).summary).toBeNull();
    const long = paper('2601.00003', { title: `Sparse attention ${'for long context '.repeat(20)}`, abstract: '', summary: 'Sparse attention for long context for long…' });
    expect(paperCard(long).summary).toBeNull();
    expect(paperCard(paper('2601.00004', { title: 'Sparse attention', summary: 'Sparse attention halves the cost of long context.' })).summary).toBe('Sparse attention halves the cost of long context.');
  });

  it('a paper card and a digest read the TeX; the stored paper keeps it', () => {
    expect(paperCard(tex)).toMatchObject({ title: 'BrowseComp-V³: A Benchmark', summary: 'It is 2.7× faster.' });
    expect(tex.title).toBe('BrowseComp-$V^3$: A Benchmark');
    const plan = { targetId: 'slack:C1', windowStart: null, windowEnd: new Date('2026-11-28T09:00:00Z'), createdAt: new Date(), items: [{ arxivId: tex.arxivId, topicSlug: 'benchmarks', score: 0.9, why: 'w' }] };
    const digest = buildDigest({ target: { id: 'slack:C1', platform: 'slack', kind: 'channel' }, plan, papers: new Map([[tex.arxivId, tex]]), topicNames: new Map(), summaries: new Map([[tex.arxivId, 'Made now: $\\approx$ twice as fast.']]) });
    expect(digest.sections[0]!.items[0]).toMatchObject({ title: 'BrowseComp-V³: A Benchmark', summary: 'Made now: ≈ twice as fast.' });
    for (const rendered of [renderDigestText(digest), JSON.stringify(renderSlackDigest(digest)), JSON.stringify(renderDiscordDigestParts({ ...digest, platform: 'discord' }))]) {
      expect(rendered).toContain('BrowseComp-V³');
      expect(rendered).not.toContain('$V^3$');
    }
  });
});

describe('papers as the matcher reads them', () => {
  it('TeX commands are no words: "$2.7\\times$" says nothing of time, "\\textbf" nothing at all; what they wrap still counts', () => {
    const p = { arxivId: 'x', title: 'BrowseComp-$V^3$: $\\textbf{Fast}$ agents', abstract: 'A $2.7\\times$ speedup with \\textbf{sparse attention}.' };
    const f = docFields(p);
    const all = [...f.title, ...f.body];
    expect(all).not.toContain(stem('times'));
    expect(all).not.toContain(stem('textbf'));
    expect(all).toEqual(expect.arrayContaining([stem('fast'), stem('sparse'), stem('attention')]));
    const features = analyzePaper(p);
    expect(hasPhrase(features, [stem('sparse'), stem('attention')])).toBe(true);
    expect(hasPhrase(features, [stem('times')])).toBe(false);
  });
});


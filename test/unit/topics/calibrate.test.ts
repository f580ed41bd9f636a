/**
 * A topic's bar from its score distribution over the reference corpus (topic-model.ts). The
 * corpus is whatever was stored lately, so the bar must not hang on a few papers that say the
 * topic's words over and over.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, MIN_CALIBRATION_DOCS } from '../../../src/core/topics/topic-model.js';

/** 2,000 papers: most say nothing of the topic, `ordinary` are plainly on it, `extreme` repeat its words. */
function distribution(opts: { extreme: number; ordinary: number }): Float64Array {
  const scores = new Float64Array(2000);
  for (let i = 0; i < 60; i++) scores[i] = 0.5 + (i % 7) * 0.1; // a word of the topic in passing
  for (let i = 0; i < opts.ordinary; i++) scores[100 + i] = 6 + (i % 3) * 0.5;
  for (let i = 0; i < opts.extreme; i++) scores[150 + i] = 25;
  return scores;
}

describe('calibrate', () => {
  it('keeps the topic\'s ordinary papers over the bar when three papers in the corpus repeat its words', () => {
    const bar = calibrate(distribution({ extreme: 3, ordinary: 12 }));
    expect(bar).toBeLessThan(6);
    // ...and still over what a word in passing scores.
    expect(bar).toBeGreaterThan(1.1);
  });

  it('without such papers, the ordinary ones set a bar over words in passing', () => {
    const bar = calibrate(distribution({ extreme: 0, ordinary: 12 }));
    expect(bar).toBeGreaterThan(1.1);
    expect(bar).toBeLessThan(6);
  });

  it('sets the same bar on a reference corpus four times the size with the same mix of papers', () => {
    // 384 papers: 3 that repeat the topic's words, 15 plainly on it, 60 with a word in passing.
    const one = new Float64Array(384);
    for (let i = 0; i < 60; i++) one[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 15; i++) one[100 + i] = 6 + (i % 3) * 0.5;
    for (let i = 0; i < 3; i++) one[150 + i] = 17;
    const four = new Float64Array(384 * 4);
    for (let k = 0; k < 4; k++) four.set(one, k * 384);
    const small = calibrate(one);
    const large = calibrate(four);
    expect(small).toBeLessThan(6);
    // The ten best of the larger corpus are all papers that repeat the topic's words: a bar
    // from them alone would shut out the ordinary ones.
    expect(large).toBeLessThan(6);
    expect(large / small).toBeCloseTo(1, 1);
  });

  it('keeps a topic with a few papers in a large corpus over papers that say its words in passing', () => {
    // 3,000 papers: 5 on the topic, 70 with a word of it in passing, the rest nothing.
    const scores = new Float64Array(3000);
    for (let i = 0; i < 5; i++) scores[i] = 17;
    for (let i = 0; i < 70; i++) scores[100 + i] = 1 + (i % 7) * 0.2;
    expect(calibrate(scores)).toBeGreaterThan(2.2);
  });

  it('keeps most papers of a broad topic over the bar: a fifth of the corpus is no background', () => {
    // 384 papers: 75 plainly on the topic ("reinforcement learning"), 60 with a word in passing.
    const scores = new Float64Array(384);
    for (let i = 0; i < 60; i++) scores[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 75; i++) scores[100 + i] = 4 + (i % 10) * 0.4;
    const bar = calibrate(scores);
    const over = scores.filter((s) => s >= bar).length;
    // A z-score over every paper put the bar over all but the best of them.
    expect(over).toBeGreaterThanOrEqual(60);
    expect(bar).toBeGreaterThan(1.1);
  });

  it('lowers the bar of a topic much of the store is about, so its papers that say it less are met too', () => {
    // 384 papers: 70 plainly on the topic ("AI agents"), 40 on it that say it less (untitled, in
    // other words), 60 with a word of it in passing. The papers on it that are not among its
    // strong ones still lift the background's mean and spread over themselves.
    const broad = new Float64Array(384);
    for (let i = 0; i < 60; i++) broad[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 70; i++) broad[100 + i] = 4 + (i % 10) * 0.4;
    for (let i = 0; i < 40; i++) broad[200 + i] = 2.15 + (i % 5) * 0.025;
    const bar = calibrate(broad);
    expect(broad.filter((s) => s >= bar).length).toBe(110);
    expect(bar).toBeGreaterThan(1.1);
    // The same kinds of paper where the topic's strong ones are 20, a twentieth of the store:
    // the bar stays over the weaker ones, as for any topic a few percent of the store are about.
    const narrower = new Float64Array(384);
    for (let i = 0; i < 60; i++) narrower[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 20; i++) narrower[100 + i] = 4 + (i % 10) * 0.4;
    for (let i = 0; i < 10; i++) narrower[200 + i] = 2.15 + (i % 5) * 0.025;
    expect(calibrate(narrower)).toBeGreaterThan(2.4);
  });

  it('lowers a broad topic\'s bar also where a few papers that repeat its words set it', () => {
    // As above, but ten of the strong papers repeat the topic's words (a survey, a paper written
    // to it): the share of its best papers' mean, not the background, sets the bar then.
    const scores = new Float64Array(384);
    for (let i = 0; i < 60; i++) scores[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 10; i++) scores[100 + i] = 20;
    for (let i = 0; i < 60; i++) scores[110 + i] = 6 + (i % 5) * 0.4;
    for (let i = 0; i < 40; i++) scores[200 + i] = 3.1 + (i % 5) * 0.05;
    const bar = calibrate(scores);
    expect(scores.filter((s) => s >= bar).length).toBe(110);
    expect(bar).toBeGreaterThan(1.1);
  });

  it('sets the same bar for a topic a few percent of the corpus are about as before', () => {
    // 384 papers, 12 on the topic: under the share of strong papers that counts as background.
    const scores = new Float64Array(384);
    for (let i = 0; i < 60; i++) scores[i] = 0.5 + (i % 7) * 0.1;
    for (let i = 0; i < 12; i++) scores[100 + i] = 4 + (i % 10) * 0.4;
    let mean = 0;
    scores.forEach((s) => (mean += s / scores.length));
    let variance = 0;
    scores.forEach((s) => (variance += (s - mean) ** 2 / scores.length));
    expect(calibrate(scores)).toBeCloseTo(mean + 2.5 * Math.sqrt(variance), 9);
  });

  it('leaves a distribution too small to read to the floor', () => {
    expect(calibrate(new Float64Array(MIN_CALIBRATION_DOCS - 1).fill(3))).toBe(0);
  });
  it('keeps a topic a sixth of a small store is about over the bar', () => {
    // 64 papers about one field (a workspace reading one feed): 10 name the topic in title and
    // abstract, the rest nothing of it. A z-score over every paper is over all ten.
    const scores = new Float64Array(64);
    for (let i = 0; i < 10; i++) scores[i] = 8.7;
    const bar = calibrate(scores);
    expect(bar).toBeLessThanOrEqual(8.7);
    expect(bar).toBeGreaterThan(0);
  });
  it('keeps a topic nearly every paper of the store is about over the bar', () => {
    // 64 papers, 60 of them on the topic ("audio" over an audio feed): what is left of the
    // background is 4 papers, and 4% of the corpus beside them set the bar over all 60.
    const scores = new Float64Array(64);
    for (let i = 0; i < 60; i++) scores[i] = 1.2;
    expect(calibrate(scores)).toBeLessThanOrEqual(1.2);
  });
});

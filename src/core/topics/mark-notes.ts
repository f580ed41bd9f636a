/**
 * What a match's reason says when people's 👍/👎 decided or moved it. The layers after the
 * matcher (embeddings, the LLM check) read these to leave such results as the marks made them,
 * so the words are written once.
 */
export const MARK_NOTES = {
  markedUp: 'marked relevant',
  markedDown: 'marked not relevant',
  likeUp: 'like papers marked relevant',
  likeDown: 'like papers marked not relevant',
  unlikeUp: 'unlike papers marked relevant',
} as const;

/** A paper someone marked on this topic: its verdict decided the result. */
export const isMarked = (r: { why: string }): boolean => r.why.startsWith(MARK_NOTES.markedUp) || r.why.startsWith(MARK_NOTES.markedDown);

/** A result pushed down for being like a paper marked not relevant. */
export const isLikeRejected = (r: { why: string }): boolean => r.why.includes(MARK_NOTES.likeDown);

/** Text to put in a RegExp as itself: its special characters escaped. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A RegExp (flags and u) finding `word` where no letter or digit touches it ("RL" in "RL for robots", not in "URL"). */
export const wholeWord = (word: string, flags = '') => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, `${flags}u`);

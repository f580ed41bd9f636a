/**
 * One entry of the shipped machine-learning vocabulary: general knowledge of the field that a
 * topic typed as free text does not carry itself. The matcher uses `forms` as evidence in
 * papers (how abstracts name the idea) and `gloss` to recognise the concept in the words a
 * person types (how someone outside the subfield would describe it).
 */
export interface Concept {
  /** Short canonical name, lower case: 'jailbreak'. Unique across the vocabulary. */
  id: string;
  /**
   * Surface forms as papers write them: synonyms, abbreviations, long forms, method names. Forms
   * are stemmed as paper words are, so a one-word form must not stem like an everyday word:
   * 'shap' met "shape" and "shaping", 'aime' "aimed", 'scheming' a method's "scheme" (write
   * 'shap values', 'aime 2024', 'ai scheming').
   */
  forms: readonly string[];
  /**
   * The forms that name the concept itself, when not all of them do: a topic naming one of
   * these is about the concept and takes all its forms; a topic naming another form is about
   * that kind or part of it only. Absent: every form names it.
   */
  names?: readonly string[];
  /** Plain-language description in everyday words, 8–30 words. */
  gloss: string;
  /**
   * More ways people type the concept when they ask to follow it ("chatbots that look things
   * up before answering"), each compared with a typed topic on its own, as the gloss is.
   */
  says?: readonly string[];
  /** Ids of broader concepts (optional). */
  broader?: readonly string[];
}

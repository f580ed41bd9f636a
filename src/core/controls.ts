/**
 * Control characters (C0, DEL, C1) and the explicit bidi embeddings, overrides and isolates
 * that can reorder what a reader sees (the Trojan Source set): in a name, a chat argument or a
 * summary they recolour or clear a terminal, or hide or reorder text. The implicit marks (LRM,
 * RLM, ALM) are kept: they reorder nothing, and right-to-left text needs them to show numbers
 * and punctuation in their place.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** The same less tab, newline and carriage return: the whitespace a text of lines (an abstract, a query) may hold. */
export const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Whether the text holds a control character or a bidi override. */
export const hasControl = (text: string): boolean => CONTROL.test(text);

/** Every control character and bidi override as a space. */
export const controlsToSpaces = (text: string): string => text.replace(CONTROLS, ' ');

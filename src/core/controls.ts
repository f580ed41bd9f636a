/**
 * Control characters (C0 with tab and newline, DEL, C1) and bidi overrides and isolates: in a
 * name, a chat argument or a summary they recolour or clear a terminal, or hide or reorder text.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** Whether the text holds a control character or a bidi override. */
export const hasControl = (text: string): boolean => CONTROL.test(text);

/** Every control character and bidi override as a space. */
export const controlsToSpaces = (text: string): string => text.replace(CONTROLS, ' ');

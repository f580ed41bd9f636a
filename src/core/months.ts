/**
 * English month abbreviations, January first: BibTeX's month macros, and what dates in feeds
 * write months as ("Tue, 03 Jun 2025", "June 3, 2025").
 */
export const MONTHS: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

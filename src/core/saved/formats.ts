/** The export formats reading lists speak, shared by chat and the CLI. */
export const EXPORT_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** File name extension and MIME type per format (what reference managers expect). */
export const FORMAT_FILES: Record<ExportFormat, { ext: string; mime: string }> = {
  bibtex: { ext: 'bib', mime: 'application/x-bibtex' },
  ris: { ext: 'ris', mime: 'application/x-research-info-systems' },
  'csl-json': { ext: 'json', mime: 'application/vnd.citationstyles.csl+json' },
};

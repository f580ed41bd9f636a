/**
 * The lint's core boundary bites: src/core may import only src/core (and packages). The folder
 * patterns caught an adapter folder but not the top-level files of src/ (config.ts, log.ts,
 * service.ts, …), which a core module could import unnoticed.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../../..', import.meta.url)) });

/** The rules the lint reports for `code` as if it were the file at `filePath` (from the project root). */
async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the lint's core boundary", () => {
  it('refuses a top-level file of src/ imported by the core, at any depth', async () => {
    expect(await ruleIds("import { loadConfig } from '../config.js';\nexport const f = loadConfig;\n", 'src/core/lint-probe.ts')).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/core imports only src\/core/)]);
    expect(await ruleIds("import type { Logger } from '../../log.js';\nexport type L = Logger;\n", 'src/core/papers/lint-probe.ts')).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: /)]);
    expect(await ruleIds("import { startSchedules } from '../../../jobs/schedule.js';\nexport const f = startSchedules;\n", 'src/core/digest/lint-probe.ts')).not.toEqual([]);
  });

  it('lets the core import the core and packages', async () => {
    expect(await ruleIds("import { truncate } from '../truncate.js';\nimport { z } from 'zod';\nexport const f = [truncate, z];\n", 'src/core/papers/lint-probe.ts')).toEqual([]);
  });
});

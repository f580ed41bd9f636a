/**
 * Defaults in --help read as the person types them: repeatable options by what they take, not
 * commander's "(default: [])", numbers as 50, not "50".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { loadConfig } from '../../../src/config.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-help-defaults-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('repeatable options', () => {
  it.each([['topics', 'add'], ['topics', 'define']])('%s %s --help shows no "(default: [])"', async (...cmd) => {
    const r = await cli(...cmd, '--help');
    expect(r.out).toContain('(repeatable)');
    expect(r.out).not.toContain('(default: [])');
  });

  it('still gather every value given, and none when none is', async () => {
    const both = JSON.parse((await cli('topics', 'add', 'neural audio codecs', '--must', 'codec', '--must', 'vocoder', '--category', 'cs.SD', '--json')).out) as { mustPhrases: string[]; mustNotPhrases: string[]; categories: string[] };
    expect(both).toMatchObject({ mustPhrases: ['codec', 'vocoder'], mustNotPhrases: [], categories: ['cs.SD'] });
    const none = JSON.parse((await cli('topics', 'add', 'protein folding', '--json')).out) as { mustPhrases: string[]; categories: string[] };
    expect(none).toMatchObject({ mustPhrases: [], categories: [] });
    expect(await cli('topics', 'define', 'protein folding')).toMatchObject({ code: 2 });
    expect((await cli('topics', 'define', 'protein folding', '--expand', 'structure prediction', '--expand', 'alphafold')).code).toBe(0);
  });
});

describe('numeric defaults', () => {
  it('every command\'s --help shows a number default unquoted', async () => {
    const program = await buildProgram({ config: loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }) } as never);
    const commands: Array<[string, Command]> = [];
    const walk = (c: Command, path: string[]) => {
      commands.push([path.join(' '), c]);
      for (const s of c.commands) walk(s, [...path, s.name()]);
    };
    walk(program, []);
    const quoted = commands.flatMap(([path, c]) => (c.helpInformation().match(/\(default: "\d[^"]*"\)/g) ?? []).map((d) => `${path}: ${d}`));
    expect(quoted).toEqual([]);
    expect((await cli('match', '--help')).out).toContain('(default: 50)');
  });

  it('still reads the default as any typed value', async () => {
    expect((await cli('papers', 'list')).code).toBe(0);
    expect((await cli('match', 'audio codecs', '--json')).code).toBe(0);
  });
});

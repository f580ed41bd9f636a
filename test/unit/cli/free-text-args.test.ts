import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { freeTextArgv, takesFreeText } from '../../../src/cli/free-text-args.js';

function program() {
  const p = new Command('paperboy').option('--verbose').version('1.0.0');
  takesFreeText(p.command('search <query...>').option('-n, --limit <N>').option('--json'));
  p.command('ingest [file...]').option('--json');
  return p;
}

describe('freeTextArgv', () => {
  const argv = (...a: string[]) => freeTextArgv(program(), a);

  it('moves the words starting with "-" after --, in the order typed, options (with their values) before it', () => {
    expect(argv('search', 'gaussian', '-3dgs', '-n', '5', '--json')).toEqual(['search', '-n', '5', '--json', '--', 'gaussian', '-3dgs']);
    expect(argv('--verbose', 'search', '-x', '--verbose', '--limit=3', '-n3')).toEqual(['--verbose', 'search', '--verbose', '--limit=3', '-n3', '--', '-x']);
    expect(argv('search', '-a', '--', '-b')).toEqual(['search', '--', '-a', '-b']);
  });

  it('reads a word as text even when it begins like a short option', () => {
    expect(argv('search', '-normalization', '-ViT', '-hallucination')).toEqual(['search', '--', '-normalization', '-ViT', '-hallucination']);
  });

  it('leaves unknown "--" options to commander, and every other command alone', () => {
    expect(argv('search', 'distillation', '--jsn')).toEqual(['search', 'distillation', '--jsn']);
    expect(argv('search', '-n', '5', 'x')).toEqual(['search', '-n', '5', 'x']);
    expect(argv('ingest', '-x.json')).toEqual(['ingest', '-x.json']);
    expect(argv('search', '-h')).toEqual(['search', '-h']);
  });
});

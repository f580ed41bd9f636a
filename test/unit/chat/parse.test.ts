import { describe, expect, it } from 'vitest';
import { parseCommandOptions, parseCommandText } from '../../../src/chat/commands/parse.js';
import { MAX_QUERY_CHARS } from '../../../src/chat/commands/command.js';

describe('parseCommandText', () => {
  it('reads every subcommand', () => {
    expect(parseCommandText('search audio  codecs')).toEqual({ status: 'ok', command: { kind: 'search', query: 'audio codecs' } });
    expect(parseCommandText('SUBSCRIBE Audio Codecs')).toEqual({ status: 'ok', command: { kind: 'subscribe', topic: 'Audio Codecs' } });
    expect(parseCommandText('unsubscribe x')).toEqual({ status: 'ok', command: { kind: 'unsubscribe', topic: 'x' } });
    expect(parseCommandText('subscriptions')).toEqual({ status: 'ok', command: { kind: 'subscriptions' } });
    expect(parseCommandText('topics')).toEqual({ status: 'ok', command: { kind: 'topics' } });
    expect(parseCommandText('topics  audio  codecs ')).toEqual({ status: 'ok', command: { kind: 'topics', filter: 'audio codecs' } });
    expect(parseCommandOptions(null, 'topics', { words: 'audio' })).toEqual({ status: 'ok', command: { kind: 'topics', filter: 'audio' } });
    expect(parseCommandOptions(null, 'subscriptions', { words: 'audio' })).toEqual({ status: 'ok', command: { kind: 'subscriptions', filter: 'audio' } });
    expect(parseCommandText('subscriptions')).toEqual({ status: 'ok', command: { kind: 'subscriptions' } });
    expect(parseCommandText(`topics ${'x'.repeat(101)}`)).toMatchObject({ status: 'invalid', message: 'The filter is too long (101 characters, at most 100).' });
    expect(parseCommandText('digest')).toEqual({ status: 'ok', command: { kind: 'digest' } });
    expect(parseCommandText('channel subscribe rlhf')).toEqual({ status: 'ok', command: { kind: 'channel-subscribe', topic: 'rlhf' } });
    expect(parseCommandText('channel unsubscribe rlhf')).toEqual({ status: 'ok', command: { kind: 'channel-unsubscribe', topic: 'rlhf' } });
    expect(parseCommandText('channel list')).toEqual({ status: 'ok', command: { kind: 'channel-list' } });
    expect(parseCommandText('')).toEqual({ status: 'ok', command: { kind: 'help' } });
    expect(parseCommandText('  help ')).toEqual({ status: 'ok', command: { kind: 'help' } });
  });

  it('sends unknown subcommands to help, naming the word, and the command a slip of one meant', () => {
    expect(parseCommandText('serch foo')).toEqual({ status: 'unknown', word: 'serch', suggestion: 'search foo' });
    expect(parseCommandText('frobnicate foo')).toEqual({ status: 'unknown', word: 'frobnicate' });
    expect(parseCommandText('channel frobnicate')).toEqual({ status: 'unknown', word: 'channel frobnicate' });
  });

  it('a slip in the second word gets the same "did you mean" as one in the first', () => {
    expect(parseCommandText('saved ad 2612.20001')).toEqual({ status: 'unknown', word: 'saved ad', suggestion: 'saved add 2612.20001' });
    expect(parseCommandText('saved channel remve 2612.20001')).toEqual({ status: 'unknown', word: 'saved channel remve', suggestion: 'saved channel remove 2612.20001' });
    expect(parseCommandText('follow autor "Ada Lovelace"')).toEqual({ status: 'unknown', word: 'follow autor', suggestion: 'follow author "Ada Lovelace"' });
    expect(parseCommandText('unfollow athor Ada Lovelace')).toEqual({ status: 'unknown', word: 'unfollow athor', suggestion: 'unfollow author Ada Lovelace' });
    expect(parseCommandText('follow lst')).toEqual({ status: 'unknown', word: 'follow lst', suggestion: 'follow list' });
    // No slip of a word there: the one-line usage answer as before.
    expect(parseCommandText('saved frobnicate')).toMatchObject({ status: 'invalid', message: 'I don\'t know “saved frobnicate”.' });
    expect(parseCommandText('follow "Ada Lovelace"')).toMatchObject({ status: 'invalid' });
    expect(parseCommandText('follow Lisa Smith')).toMatchObject({ status: 'invalid' });
  });

  it('a leading "/papers" pasted along is the command itself', () => {
    expect(parseCommandText('/papers search quantum')).toEqual(parseCommandText('search quantum'));
    expect(parseCommandText('/PAPERS saved add 2612.20001')).toEqual(parseCommandText('saved add 2612.20001'));
    expect(parseCommandText('/papers')).toEqual({ status: 'ok', command: { kind: 'help' } });
  });

  it('rejects empty and over-long queries with a clear message', () => {
    const empty = parseCommandText('search   ');
    expect(empty.status).toBe('invalid');
    const long = parseCommandText(`search ${'a'.repeat(10_000)}`);
    expect(long).toMatchObject({ status: 'invalid', message: expect.stringContaining(String(MAX_QUERY_CHARS)) });
    // The search's own limit, counted as the CLI counts it (UTF-16 units, as every platform limit): a character outside the BMP is two.
    expect(parseCommandText(`search ${'𠜎'.repeat(MAX_QUERY_CHARS / 2)}`).status).toBe('ok');
    expect(parseCommandText(`search ${'𠜎'.repeat(MAX_QUERY_CHARS / 2 + 1)}`)).toMatchObject({ status: 'invalid', message: 'The query is too long (502 characters, counting an emoji or other symbol beyond the basic range as two; at most 500).' });
    // What the search refuses for other reasons is refused here too, with the command's usage beside it.
    expect(parseCommandText('search the of and')).toMatchObject({ status: 'invalid', message: expect.stringContaining('give a word that tells papers apart') });
  });

  it('takes the queries and topic names the CLI takes: a 110-character topic made there can be unsubscribed here', async () => {
    const { MAX_TOPIC_NAME } = await import('../../../src/core/topics/names.js');
    const { MAX_QUERY_CHARS: CLI_QUERY } = await import('../../../src/core/search/query-parser.js');
    const topic = `${'kv cache '.repeat(12)}x`.slice(0, MAX_TOPIC_NAME);
    expect(parseCommandText(`unsubscribe ${topic}`)).toMatchObject({ status: 'ok' });
    expect(parseCommandText(`subscribe ${topic}`)).toMatchObject({ status: 'ok' });
    expect(parseCommandText(`search ${'a'.repeat(CLI_QUERY)}`).status).toBe('ok');
    // ...and refuses the names the CLI refuses, counted alike: 61 letters beyond the basic range
    // are 122 UTF-16 units, and so are 61 emoji (counted as typed, though no word of the name).
    expect(parseCommandText(`subscribe ${'𠜎'.repeat(60)}`)).toMatchObject({ status: 'ok' });
    expect(parseCommandText(`subscribe ${'𠜎'.repeat(61)}`)).toMatchObject({ status: 'invalid', message: 'Topic name is too long (122 characters, counting an emoji or other symbol beyond the basic range as two; at most 120).' });
    // A message ending in its own question mark gets no full stop after it.
    expect(parseCommandText('search category:cs.CLL decoding')).toMatchObject({ status: 'invalid', message: expect.stringMatching(/did you mean cs\.CL\?$/) });
    expect(parseCommandText(`subscribe ${'🎧'.repeat(61)}`)).toMatchObject({ status: 'invalid', message: 'Topic name is too long (122 characters, counting an emoji or other symbol beyond the basic range as two; at most 120).' });
    expect(parseCommandText(`channel subscribe ${'x'.repeat(121)}`)).toMatchObject({ status: 'invalid', message: 'Topic name is too long (121 characters, at most 120).' });
    // Invisible characters leave the name as they do on the CLI: "zero\u200Bwidth" is the "zerowidth" people see.
    expect(parseCommandText('subscribe zero\u200Bwidth space')).toEqual({ status: 'ok', command: { kind: 'subscribe', topic: 'zerowidth space' } });
  });

  it('neutralises control and bidi characters but keeps RTL text and emoji', () => {
    const out = parseCommandText('search \u202Eevil\u0000 שלום 🎧');
    expect(out).toEqual({ status: 'ok', command: { kind: 'search', query: 'evil שלום 🎧' } });
  });

  it("reads Slack's emoji codes as the emoji they stand for, no word: a topic's or a search's, not a filter, time or quoted text", () => {
    expect(parseCommandText('subscribe :rocket: agents')).toEqual(parseCommandText('subscribe agents'));
    expect(parseCommandText('channel subscribe agents :+1::skin-tone-2:')).toEqual(parseCommandText('channel subscribe agents'));
    expect(parseCommandText('subscribe :rocket:')).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^Topic name needs at least one letter or digit/) });
    expect(parseCommandText('search :fire: since:2024-01-01 agents')).toEqual({ status: 'ok', command: { kind: 'search', query: 'since:2024-01-01 agents' } });
    expect(parseCommandText('search ":memory:" sqlite')).toEqual({ status: 'ok', command: { kind: 'search', query: '":memory:" sqlite' } });
    expect(parseCommandText('channel schedule 09:00')).toMatchObject({ status: 'ok', command: { schedule: { time: '09:00' } } });
  });

  it('parses weekly schedules (words in any order), from text and from Discord options', () => {
    expect(parseCommandText('channel schedule weekly monday 09:00')).toEqual({ status: 'ok', command: { kind: 'channel-schedule', schedule: { time: '09:00', weeklyOn: 1 } } });
    expect(parseCommandText('schedule 8:15 Europe/Berlin weekly Sun')).toEqual({ status: 'ok', command: { kind: 'schedule', schedule: { time: '08:15', timeZone: 'Europe/Berlin', weeklyOn: 0 } } });
    expect(parseCommandText('channel schedule weekly someday 09:00')).toMatchObject({ status: 'invalid', message: expect.stringMatching(/which day/) });
    expect(parseCommandOptions('channel', 'schedule', { time: '09:00', weekly: 'tuesday' })).toEqual({ status: 'ok', command: { kind: 'channel-schedule', schedule: { time: '09:00', weeklyOn: 2 } } });
    expect(parseCommandOptions(null, 'schedule', { time: '10:00', weekly: 'friday' })).toEqual({ status: 'ok', command: { kind: 'schedule', schedule: { time: '10:00', weeklyOn: 5 } } });
    // Two cadences at once are refused whatever the word order, not decided by it.
    for (const text of ['channel schedule 09:00 weekly mon weekdays', 'channel schedule weekdays weekly mon 09:00', 'schedule daily 09:00 weekly fri']) {
      expect(parseCommandText(text)).toMatchObject({ status: 'invalid', message: expect.stringMatching(/one cadence/) });
    }
    expect(parseCommandOptions('channel', 'schedule', { time: '09:00', weekly: 'monday', weekdays: 'true' })).toMatchObject({ status: 'invalid' });
  });

  it('parses schedules and refuses bad times and zones', () => {
    expect(parseCommandText('channel schedule 9:30 Europe/Berlin weekdays')).toEqual({
      status: 'ok',
      command: { kind: 'channel-schedule', schedule: { time: '09:30', timeZone: 'Europe/Berlin', weekdaysOnly: true, weeklyOn: null } },
    });
    expect(parseCommandText('channel schedule 25:00').status).toBe('invalid');
    expect(parseCommandText('channel schedule 09:00 Mars/Olympus').status).toBe('invalid');
    expect(parseCommandText(`channel schedule 09:00 ${'x'.repeat(10_000)}`).status).toBe('invalid');
  });
});

describe('parseCommandOptions (Discord)', () => {
  it('maps options to the same commands as the text form', () => {
    expect(parseCommandOptions(null, 'search', { query: 'moe' })).toEqual(parseCommandText('search moe'));
    expect(parseCommandOptions(null, 'subscribe', { topic: 'audio codecs' })).toEqual(parseCommandText('subscribe audio codecs'));
    expect(parseCommandOptions('channel', 'subscribe', { topic: 'rlhf' })).toEqual(parseCommandText('channel subscribe rlhf'));
    expect(parseCommandOptions('channel', 'schedule', { time: '08:00', timezone: 'UTC', weekdays: 'true' })).toEqual(
      parseCommandText('channel schedule 08:00 UTC weekdays'),
    );
    expect(parseCommandOptions(null, 'search', {}).status).toBe('invalid');
  });

  it('reads schedule options as options, with messages in the words of Discord\'s form', () => {
    expect(parseCommandOptions(null, 'schedule', { time: '7:05', timezone: ' America/New_York ', weekdays: 'false' })).toEqual({
      status: 'ok',
      command: { kind: 'schedule', schedule: { time: '07:05', timeZone: 'America/New_York', weekdaysOnly: false, weeklyOn: null } },
    });
    // A zone with a space, or named like a text-form keyword, is a zone that does not exist: before,
    // "Europe Berlin" was two words and "daily" a cadence.
    for (const timezone of ['Europe Berlin', 'daily', 'weekdays']) {
      expect(parseCommandOptions('channel', 'schedule', { time: '09:00', timezone })).toMatchObject({ status: 'invalid', message: `“${timezone}” is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).` });
    }
    const both = parseCommandOptions('channel', 'schedule', { time: '09:00', weekly: 'monday', weekdays: 'false' });
    expect(both).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^Give one cadence: `weekly` .* or `weekdays`, not both\.$/) });
    expect(parseCommandOptions(null, 'schedule', { timezone: 'UTC' })).toMatchObject({ status: 'invalid', message: expect.stringMatching(/time of day/) });
    // No option at all is the text form alone: "when does it come?".
    expect(parseCommandOptions(null, 'schedule', {})).toEqual({ status: 'ok', command: { kind: 'schedule', schedule: null } });
    expect(parseCommandOptions('channel', 'schedule', {})).toEqual(parseCommandText('channel schedule'));
  });
});

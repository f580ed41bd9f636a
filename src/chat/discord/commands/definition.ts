/**
 * The `/papers` application command: the same subcommands as Slack's text form, with a
 * `channel` group and autocomplete on every topic option.
 */
import { SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUERY_CHARS, MAX_TOPIC_CHARS, MAX_TOPIC_FILTER } from '../../commands/command.js';
import { savedGroup } from './definition-saved.js';
import { MAX_AUTHOR_CHARS } from '../../commands/follow-command.js';

export const COMMAND_NAME = 'papers';

export function papersCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const topic = (desc: string) => (o: import('discord.js').SlashCommandStringOption) =>
    o.setName('topic').setDescription(desc).setRequired(true).setAutocomplete(true).setMaxLength(MAX_TOPIC_CHARS);
  const authorName = (desc: string) => (o: import('discord.js').SlashCommandStringOption) =>
    o.setName('name').setDescription(desc).setRequired(true).setMaxLength(MAX_AUTHOR_CHARS);
  const weekly = (o: import('discord.js').SlashCommandStringOption) =>
    o
      .setName('weekly')
      .setDescription("A weekly roll-up of the week's best papers on this day")
      .addChoices(...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d) => ({ name: d, value: d.toLowerCase() })));
  // Optional, as on Slack: the command alone answers with the schedule as it stands (Discord's UI
  // will not send a command whose required option is empty).
  const time = (o: import('discord.js').SlashCommandStringOption) => o.setName('time').setDescription('HH:MM, 24 h (leave out to see the schedule as it stands)').setMaxLength(5);
  const languageTag = (o: import('discord.js').SlashCommandStringOption) =>
    o.setName('tag').setDescription('BCP 47 language tag: de, fr, pt-BR … (en for English)').setRequired(true).setMaxLength(35);
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Research papers: search, follow topics, daily digests')
    .addSubcommand((s) =>
      s
        .setName('search')
        .setDescription('Find papers')
        .addStringOption((o) => o.setName('query').setDescription('Words, "phrases", author:, since:, category:').setRequired(true).setMaxLength(MAX_QUERY_CHARS)),
    )
    .addSubcommand((s) => s.setName('subscribe').setDescription('Get a topic in your digest (DM)').addStringOption(topic('A topic, or any words to follow as a topic of your own')))
    .addSubcommand((s) => s.setName('unsubscribe').setDescription('Stop getting a topic').addStringOption(topic('Topic to drop')))
    .addSubcommand((s) =>
      s
        .setName('subscriptions')
        .setDescription('Topics you follow')
        .addStringOption((o) => o.setName('words').setDescription('Only the topics whose name or description has these words').setMaxLength(MAX_TOPIC_FILTER)),
    )
    .addSubcommand((s) =>
      s
        .setName('topics')
        .setDescription('Topics you can follow')
        .addStringOption((o) => o.setName('words').setDescription('Only topics whose name or description has these words').setMaxLength(MAX_TOPIC_FILTER)),
    )
    .addSubcommand((s) => s.setName('digest').setDescription('Preview your digest now (only you see it)'))
    .addSubcommand((s) =>
      s
        .setName('schedule')
        .setDescription('When your own digest (DM) comes')
        .addStringOption(time)
        .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin').setMaxLength(64))
        .addBooleanOption((o) => o.setName('weekdays').setDescription('Weekdays only'))
        .addStringOption(weekly),
    )
    .addSubcommand((s) => s.setName('help').setDescription('How to use paperboy'))
    .addSubcommand((s) => s.setName('language').setDescription('The language of your own digest (DM)').addStringOption(languageTag))
    .addSubcommandGroup((g) => savedGroup(g))
    .addSubcommandGroup((g) =>
      g
        .setName('follow')
        .setDescription("Follow authors: their new papers come in your digest whatever your topics")
        .addSubcommand((s) => s.setName('author').setDescription('Follow an author').addStringOption(authorName('Name as on papers, e.g. Ada Lovelace')))
        .addSubcommand((s) => s.setName('list').setDescription('Authors you follow')),
    )
    .addSubcommandGroup((g) =>
      g
        .setName('unfollow')
        .setDescription('Stop following an author')
        .addSubcommand((s) => s.setName('author').setDescription('Stop following an author').addStringOption(authorName('Name as you followed it'))),
    )
    .addSubcommandGroup((g) =>
      g
        .setName('channel')
        .setDescription("This channel's digest (Manage Channels)")
        .addSubcommand((s) => s.setName('subscribe').setDescription('Add a topic to this channel').addStringOption(topic('Topic')))
        .addSubcommand((s) => s.setName('unsubscribe').setDescription('Remove a topic from this channel').addStringOption(topic('Topic')))
        .addSubcommand((s) =>
          s
            .setName('list')
            .setDescription("This channel's topics and schedule")
            .addStringOption((o) => o.setName('words').setDescription('Only the topics whose name or description has these words').setMaxLength(MAX_TOPIC_FILTER)),
        )
        .addSubcommand((s) =>
          s
            .setName('schedule')
            .setDescription('When the digest is posted')
            .addStringOption(time)
            .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin').setMaxLength(64))
            .addBooleanOption((o) => o.setName('weekdays').setDescription('Weekdays only'))
            .addStringOption(weekly),
        )
        .addSubcommand((s) =>
          s
            .setName('threads')
            .setDescription('Post the digest as a thread: a header, each paper a reply (forum channel: a post)')
            .addBooleanOption((o) => o.setName('on').setDescription('On or off').setRequired(true)),
        )
        .addSubcommand((s) => s.setName('language').setDescription("The language of this channel's digest").addStringOption(languageTag)),
    )
    .toJSON();
}

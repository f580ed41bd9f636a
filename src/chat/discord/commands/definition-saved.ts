/** `/papers saved list|add|remove|export`, each with `where: mine|channel` (default mine). */
import type { SlashCommandStringOption, SlashCommandSubcommandBuilder, SlashCommandSubcommandGroupBuilder } from 'discord.js';
import { EXPORT_FORMATS } from '../../../core/saved/formats.js';

const where = (o: SlashCommandStringOption) =>
  o
    .setName('where')
    .setDescription('Your own list (default) or this channel’s, which anyone here can add to')
    .addChoices({ name: 'mine', value: 'mine' }, { name: 'channel', value: 'channel' });

const paper = (o: SlashCommandStringOption) => o.setName('paper').setDescription('arXiv id, like 2501.10001, or its arxiv.org link').setRequired(true).setMaxLength(100);

export function savedGroup(g: SlashCommandSubcommandGroupBuilder): SlashCommandSubcommandGroupBuilder {
  return g
    .setName('saved')
    .setDescription('Reading lists: yours, and this channel’s')
    .addSubcommand((s: SlashCommandSubcommandBuilder) => s.setName('list').setDescription('Saved papers, newest first').addStringOption(where))
    .addSubcommand((s: SlashCommandSubcommandBuilder) => s.setName('add').setDescription('Save a paper').addStringOption(paper).addStringOption(where))
    .addSubcommand((s: SlashCommandSubcommandBuilder) => s.setName('remove').setDescription('Take a paper off a list').addStringOption(paper).addStringOption(where))
    .addSubcommand((s: SlashCommandSubcommandBuilder) =>
      s
        .setName('export')
        .setDescription('The list as a file for Zotero, Mendeley or LaTeX')
        .addStringOption((o) => o.setName('format').setDescription('Default bibtex').addChoices(...EXPORT_FORMATS.map((f) => ({ name: f, value: f }))))
        .addStringOption(where),
    );
}

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import * as channel from './channel.js';
import * as db from './db.js';
import * as demo from './demo.js';
import * as digest from './digest.js';
import * as feedback from './feedback.js';
import * as follow from './follow.js';
import * as ingest from './ingest.js';
import * as match from './match.js';
import * as papers from './papers.js';
import * as saved from './saved.js';
import * as search from './search.js';
import * as subscriptions from './subscriptions.js';
import * as topics from './topics.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

/** Every CLI command module, in the order `--help` lists them. */
export const COMMAND_MODULES: CommandModule[] = [ingest, papers, search, topics, match, feedback, subscriptions, follow, channel, saved, digest, db, demo];

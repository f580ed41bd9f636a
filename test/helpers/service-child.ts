/**
 * The real service in its own process (`node --import tsx test/helpers/service-child.ts`),
 * configured from the environment like `npm start`: prints one JSON line with what started
 * (Slack mode, Discord, queue kind) once startService has returned, then exits without
 * waiting for the start-up catch-up. For tests of what start-up loads, read through
 * test/helpers/module-trace.mjs.
 */
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startService } from '../../src/service.js';

const service = await startService(loadConfig(process.env), silentLogger(), { stdout: new PassThrough() });
process.stdout.write(`${JSON.stringify({ slack: service.chat.slack, discord: service.chat.discord, queue: service.queue.kind })}\n`);
process.exit(0);

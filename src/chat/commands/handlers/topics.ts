/** `/papers topics`: every topic with its description. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';

export async function topics(_command: unknown, _actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const all = await deps.services.listTopics();
  if (all.length === 0) return ephemeral('There are no topics yet. `/papers subscribe <words>` needs a topic to exist first.');
  const text = all.map((t) => `• ${t.name} (${t.slug}) — ${t.description}`).join('\n');
  return ephemeral(`${all.length} topics:\n${text}`, [
    { type: 'header', text: `${all.length} topics` },
    { type: 'text', text },
  ]);
}

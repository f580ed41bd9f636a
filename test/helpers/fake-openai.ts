/**
 * A local server speaking the OpenAI chat completions wire format (`POST /v1/chat/completions`):
 * bearer auth, `choices[].message.content`, `usage`, error bodies `{ error: { message, type,
 * code } }`, 429 with Retry-After. Answers can be scripted: errors, hangs (client timeout),
 * non-JSON bodies, and hostile or malformed completions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson, sendText, startHttpServer, type TestServer } from './http-server.js';

export type OpenAiAnswer =
  | {
      kind: 'ok';
      content: string | null;
      promptTokens?: number;
      completionTokens?: number;
      /** No `usage` object, as Ollama and llama.cpp sometimes answer. */
      noUsage?: boolean;
      finishReason?: 'stop' | 'length' | 'content_filter';
      refusal?: string;
      /** A reasoning model's thinking, as vLLM, Ollama and DeepSeek put it beside `content`. */
      reasoningContent?: string;
    }
  /** Any status, headers and body: another server's error shapes, a stream nobody asked for, a proxy's page. */
  | { kind: 'raw'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'status'; status: number; retryAfterSec?: number }
  | { kind: 'hang' }
  | { kind: 'not-json' };

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  max_tokens?: number;
  response_format?: { type: string };
}

export interface FakeOpenAi {
  /** For OPENAI_BASE_URL: ends with /v1. */
  baseURL: string;
  server: TestServer;
  requests: ChatRequest[];
  script(...answers: OpenAiAnswer[]): void;
  /** Drops scripted answers not used yet. */
  clearScript(): void;
  close(): Promise<void>;
}

function completion(model: string, a: Extract<OpenAiAnswer, { kind: 'ok' }>) {
  const promptTokens = a.promptTokens ?? 120;
  const completionTokens = a.completionTokens ?? 30;
  const message = { role: 'assistant', content: a.content, refusal: a.refusal ?? null, ...(a.reasoningContent !== undefined ? { reasoning_content: a.reasoningContent } : {}) };
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: a.finishReason ?? 'stop' }],
    ...(a.noUsage ? {} : { usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }),
  };
}

export async function startFakeOpenAi(opts: { apiKey?: string; answer?: (req: ChatRequest) => string } = {}): Promise<FakeOpenAi> {
  const apiKey = opts.apiKey ?? 'sk-test';
  const queue: OpenAiAnswer[] = [];
  const requests: ChatRequest[] = [];
  const answer = opts.answer ?? ((r: ChatRequest) => {
    const title = /<title>(.*?)<\/title>/s.exec(r.messages.at(-1)?.content ?? '')?.[1] ?? 'this paper';
    return `The paper presents ${title.slice(0, 80)} and shows it works.`;
  });

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') return sendJson(res, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
    const body = (await readJson(req)) as ChatRequest;
    requests.push(body);
    const next = queue.shift() ?? { kind: 'ok', content: answer(body) };
    switch (next.kind) {
      case 'hang':
        return;
      case 'not-json':
        return sendText(res, 200, '<html>502 Bad Gateway</html>', 'text/html');
      case 'status': {
        const headers = next.retryAfterSec !== undefined ? { 'retry-after': String(next.retryAfterSec), 'retry-after-ms': String(next.retryAfterSec * 1000) } : {};
        const body = JSON.stringify({ error: { message: next.status === 429 ? 'Rate limit reached for requests' : 'The server had an error', type: next.status === 429 ? 'requests' : 'server_error', param: null, code: next.status === 429 ? 'rate_limit_exceeded' : null } });
        res.writeHead(next.status, { 'content-type': 'application/json', ...headers });
        return void res.end(body);
      }
      case 'raw':
        res.writeHead(next.status, { 'content-type': next.contentType ?? 'application/json', ...next.headers });
        return void res.end(next.body);
      case 'ok':
        return sendJson(res, 200, completion(body.model, next));
    }
  };

  const server = await startHttpServer(handle);
  return {
    baseURL: `${server.url}/v1`,
    server,
    requests,
    script: (...answers) => void queue.push(...answers),
    clearScript: () => void queue.splice(0),
    close: () => server.close(),
  };
}

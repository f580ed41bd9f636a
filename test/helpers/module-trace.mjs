/**
 * `node --import ./test/helpers/module-trace.mjs …`: appends the URL of every module the
 * process resolves through the ESM loader to the file named by MODULE_TRACE_FILE, so a test
 * can check what a command loaded (not how long it took).
 */
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE_FILE, resolved.url + '\\n');
  return resolved;
}`)}`,
);

/**
 * `node --import ./test/helpers/module-trace.mjs …`: appends the URL of every module the
 * process resolves through the ESM loader to the file named by MODULE_TRACE_FILE, and at exit
 * the path of every CommonJS module it required (those the loader never sees), so a test can
 * check what a command loaded (not how long it took).
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

process.on('exit', () => {
  const required = Object.keys(createRequire(import.meta.url).cache);
  if (required.length) appendFileSync(process.env.MODULE_TRACE_FILE, required.join('\n') + '\n');
});

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE_FILE, resolved.url + '\\n');
  return resolved;
}`)}`,
);

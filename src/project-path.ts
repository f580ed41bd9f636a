/**
 * Files shipped beside the code (prisma/migrations, samples/), found by walking up from this
 * module: the same lookup then works from src/ under tsx and from dist/src/ once built.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectPath(...segments: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, ...segments);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${join(...segments)} not found above ${fileURLToPath(import.meta.url)}`);
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start local HTTP servers and databases; two cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});

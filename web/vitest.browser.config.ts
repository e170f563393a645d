import { defineConfig } from 'vitest/config';

// The browser scenarios: each file starts its own node (one without chains, one with) and browser; the
// two files run side by side, so the chains node's 60–90 s start overlaps the other scenario.
export default defineConfig({
  test: {
    include: ['tests/**/*.browser.ts'],
    environment: 'node',
    testTimeout: 150_000,
    hookTimeout: 90_000,
    fileParallelism: true,
    maxWorkers: 2,
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});

import { defineConfig } from 'vitest/config';

// The browser scenario: one file, a node started by the test, a real Chromium.
export default defineConfig({
  test: {
    include: ['tests/**/*.browser.ts'],
    environment: 'node',
    testTimeout: 150_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});

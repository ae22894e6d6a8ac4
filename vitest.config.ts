import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Handler tests start local HTTP stand-ins; keep the default pool but bound the time.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

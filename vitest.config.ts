import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The CLI's tests spawn the built CLI: build it first.
    globalSetup: ['tests/unit/support/build-cli.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});

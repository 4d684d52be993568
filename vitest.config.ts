// Vitest projects: fast unit tests, and integration tests that touch real SQLite files, real
// servers and the `openssl` CLI. Integration runs once per crypto provider so crypto and store
// are proven under both (STATION_CRYPTO=native and =js).
import { defineConfig } from 'vitest/config';

const integration = (provider: 'native' | 'js') => ({
  test: {
    name: `integration-${provider}`,
    include: ['main/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    env: { STATION_CRYPTO: provider },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      integration('native'),
      integration('js'),
    ],
  },
});

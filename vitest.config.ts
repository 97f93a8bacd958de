import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The SDK's Node 20 notice is noise here: Lambda runs Node.js 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    projects: [
      {
        // `@/…` is miniapp/src, as in miniapp/tsconfig.json and the Taro config.
        resolve: { alias: { '@': fileURLToPath(new URL('./miniapp/src', import.meta.url)) } },
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'functions/src/**/*.test.ts', 'infra/src/**/*.test.ts', 'miniapp/src/**/*.test.ts'],
          env,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          env,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Fuzzing, authorization, faults, crashes: each file runs a stack of its own in its process.
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          env,
          testTimeout: 300_000,
          hookTimeout: 180_000,
          maxConcurrency: 6,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup-web.ts'],
          env,
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: { name: 'package', include: ['tests/package/**/*.test.ts'], env },
      },
    ],
  },
});

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestStack } from './global-setup.ts';

const webRoot = resolve(import.meta.dirname, '../../miniapp/dist/h5');

/** The stack the way `npm start` serves it: API and the H5 build on one origin. */
export default function setup(project: TestProject) {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error(`No H5 build at ${webRoot}: run \`npm run build:h5\` first (npm run test:e2e does).`);
  }
  return startTestStack(project, webRoot);
}

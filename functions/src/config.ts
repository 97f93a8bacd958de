import { loadConfig } from './load-config.ts';

export type { Config } from './load-config.ts';

// The only module that reads process.env.
export const config = loadConfig(process.env);

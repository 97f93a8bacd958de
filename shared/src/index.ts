import './zod-setup.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './federations.ts';
export * from './invites.ts';
export * from './roles.ts';
export * from './sessions.ts';
export * from './users.ts';

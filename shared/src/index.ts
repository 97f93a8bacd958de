export * from './common.ts';
export * from './errors.ts';
export * from './invites.ts';
export * from './roles.ts';
export * from './users.ts';

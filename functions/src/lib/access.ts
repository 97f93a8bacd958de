import type { Role } from '@lianyan/shared';

/** Roles that may organize and manage sessions (the service then checks the session's own scope). */
export const MANAGERS: readonly Role[] = ['organizer', 'federationAdmin', 'schoolAdmin', 'districtAdmin'];
/** Roles that attend sessions and sign in. */
export const ATTENDEES: readonly Role[] = ['teacher', 'parent'];

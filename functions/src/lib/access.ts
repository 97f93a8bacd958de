import type { Role } from '@lianyan/shared';

/** Roles that may organize and manage sessions (the service then checks the session's own scope). */
export const MANAGERS: readonly Role[] = ['organizer', 'federationAdmin', 'schoolAdmin', 'districtAdmin'];
/**
 * Who may call the routes that organise a session: the managers, and teachers — a 中心教研组's leader organises the
 * group's sessions and is their organizer. The service lets a teacher through only as that (services/sessions.ts).
 */
export const SESSION_ORGANISERS: readonly Role[] = [...MANAGERS, 'teacher'];
/** Roles that attend sessions and sign in. */
export const ATTENDEES: readonly Role[] = ['teacher', 'parent'];
/** Administrators of a school, a federation or the district (services check which). */
export const ADMINS: readonly Role[] = ['schoolAdmin', 'federationAdmin', 'districtAdmin'];
/** Who may read growth archives: teachers their own, administrators their schools'. */
export const ARCHIVE_READERS: readonly Role[] = ['teacher', ...ADMINS];

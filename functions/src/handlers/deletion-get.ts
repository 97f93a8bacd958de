import { route } from '#app';
import { services } from '#app/privacy';

/** GET /v1/me/deletion: what an account deletion erases and what the school keeps, and the pending request. */
export const handler = route({ name: 'getDeletion', access: 'authenticated' }, ({ auth }) => services.deletion.get(auth));

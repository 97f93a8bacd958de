import { route } from '#app';
import { services } from '#app/privacy';

/** DELETE /v1/me/deletion: cancels a pending account deletion. */
export const handler = route({ name: 'cancelDeletion', access: 'authenticated' }, ({ auth }) => services.deletion.cancel(auth));

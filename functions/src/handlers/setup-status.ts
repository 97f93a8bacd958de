import { route } from '#app';
import { services } from '#app/setup-status';

export const handler = route({ name: 'getSetupStatus', access: 'authenticated' }, ({ auth }) => services.setupStatus.status(auth));

import { route } from '#app';
import { services } from '#app/session-service';

export const handler = route({ name: 'listMySessions', access: 'authenticated' }, ({ auth }) => services.sessions.mine(auth));

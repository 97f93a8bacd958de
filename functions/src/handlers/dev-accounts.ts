import { route, services } from '#app';

export const handler = route({ name: 'devAccounts', access: 'public' }, () => services.auth.listDevAccounts());

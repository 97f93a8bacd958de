import { route, services } from '#app';

export const handler = route({ name: 'getFamilyHistory', access: ['parent'] }, ({ auth }) => services.family.history(auth));

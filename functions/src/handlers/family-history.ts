import { route } from '#app';
import { services } from '#app/family';

export const handler = route({ name: 'getFamilyHistory', access: ['parent'] }, ({ auth }) => services.family.history(auth));

import { ClassesQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/classes';

export const handler = route({ name: 'listSchoolClasses', access: 'authenticated', params: IdParams, query: ClassesQuery }, ({ auth, params, query }) =>
  services.classes.list(auth, params.id, query.schoolYear),
);

import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/imports';
import { ADMINS } from '#lib/access';

// Applies a preview as it was shown; refused (409) while any row has an error; a second apply writes nothing.
export const handler = route({ name: 'applyImport', access: ADMINS, params: IdParams }, ({ auth, params }) => services.imports.apply(auth, params.id));

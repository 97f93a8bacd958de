import { route } from '#app';
import { services } from '#app/data-export';
import { requestOrigin } from '#lib/http';

/** GET /v1/me/data-export: the person's data as a ZIP, answered as a short-lived link (PIPL art. 45). */
export const handler = route({ name: 'exportMyData', access: 'authenticated' }, ({ auth, event }) => services.dataExport.build(auth, requestOrigin(event)));

import { ImportTemplateQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/imports';
import { ADMINS } from '#lib/access';
import { FileReply } from '#lib/http';

// The 教师名册 template (XLSX): the sheet to fill and a 说明 sheet; with `federationId`, a 学校 column too.
export const handler = route({ name: 'getImportTemplate', access: ADMINS, query: ImportTemplateQuery }, async ({ auth, query }) => {
  return FileReply.of(await services.imports.template(auth, query));
});

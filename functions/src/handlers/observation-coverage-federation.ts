import { CoverageQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';
import { FileReply } from '#lib/http';
import { xlsxFile } from '#lib/xlsx';
import { rollupSheets } from '#services/observation-rollup';

export const handler = route(
  { name: 'getFederationObservationCoverage', access: ['federationAdmin', 'districtAdmin'], params: IdParams, query: CoverageQuery },
  async ({ auth, params, query }) => {
    const rollup = await services.observations.federationCoverage(auth, params.id, query.semester);
    return query.format === 'xlsx' ? FileReply.of(xlsxFile(`${rollup.federationName}听评课覆盖${rollup.semester}`, rollupSheets(rollup))) : rollup;
  },
);

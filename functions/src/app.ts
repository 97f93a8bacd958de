import { config } from '#config';
import { db, getParameter, tableName } from '#clients';
import { makeRoute } from '#lib/http';
import { deriveKey, makeSecretResolver } from '#lib/secrets';
import { makeTokenService } from '#lib/tokens';
import { makeFederationRepository } from '#repositories/federations';
import { makeAccessPolicy } from '#services/access';

// Composition root, core part: what every handler needs. Each domain wires its own services in `src/app/*.ts`
// (built once per cold start), so a function's bundle carries only the domain its handler uses.
export const resolveSecret = makeSecretResolver(getParameter);
// Pagination cursors are signed with a key of their own, derived from the JWT secret every instance shares.
const cursorKey = () => resolveSecret(config.jwt.secret, 'JWT').then((secret) => deriveKey(secret, 'pagination-cursor'));
export const table = { db, table: tableName, cursorKey };

export const tokens = makeTokenService({
  issuer: `lianyan-${config.stage}`,
  accessTtlSeconds: config.jwt.accessTtlSeconds,
  refreshTtlSeconds: config.jwt.refreshTtlSeconds,
  getSecret: () => resolveSecret(config.jwt.secret, 'JWT'),
});

export const federationRepository = makeFederationRepository(table);
export const access = makeAccessPolicy(federationRepository);

export const route = makeRoute(() => tokens);

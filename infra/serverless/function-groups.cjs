// Which Lambda function serves which route (read by functions.cjs, least-privilege.cjs, operations.cjs, the entry
// writer infra/src/build/entries.ts and the package tests). One function per route would put ~850 resources in the
// template, over CloudFormation's 500 a stack; so routes that declare the same `access` (functions/routes.json) share
// one function, whose IAM role is then exactly what each of its routes declares (least-privilege.cjs).
// A route keeps a function of its own when:
//   - it is listed in OWN_FUNCTION (signIn: the hot path, its own small bundle and its own concurrency figures);
//   - it sets its own `timeout` or `memorySize` (the roster import, the data export);
//   - it is the `*` (default) route;
//   - its need set has no other route.
// A shared function is named after its need set (apiTableReadJwt, apiTableWriteUploadsWriteDingtalkJwtWechat…) and its
// handler is a generated entry, functions/src/entries/<name>.ts (`npm run entries`), that dispatches on the API
// Gateway routeKey to each route's handler. A route function and a job keep their handler module as it is.
'use strict';

const routes = require('../../functions/routes.json');
const jobs = require('../../functions/jobs.json');

const OWN_FUNCTION = new Set(['signIn']);
// Lambda allows 64 characters in a function name: lianyan-<stage>-<name> leaves 48 with a stage of up to 7.
const MAX_NAME = 48;
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The name of a need set, e.g. TableReadJwtQr (table read; secrets jwt and qr), or Public when it needs nothing. */
function needsName(access) {
  const parts = [];
  if (access.table) parts.push('Table', capital(access.table));
  if (access.uploads) parts.push('Uploads', capital(access.uploads));
  parts.push(...[...(access.secrets || [])].sort().map(capital));
  return parts.length ? parts.join('') : 'Public';
}

const needsKey = (access) => JSON.stringify([access.table || '', access.uploads || '', [...(access.secrets || [])].sort()]);
const ownFunction = (route) => OWN_FUNCTION.has(route.name) || route.timeout !== undefined || route.memorySize !== undefined || route.path === '*';
const routeKey = (route) => (route.path === '*' ? '$default' : `${route.method} ${route.path}`);

/**
 * The deployed HTTP functions, in route-table order of their first route:
 * { name, routes, access, entry } where `entry` is true for a shared function (handler: functions/src/entries/<name>.ts).
 */
function httpFunctions() {
  const deployed = routes.filter((r) => !r.localOnly);
  const shared = new Map();
  for (const route of deployed) {
    if (!route.access || typeof route.access !== 'object') throw new Error(`${route.name}: no "access" in functions/routes.json`);
    if (ownFunction(route)) continue;
    const key = needsKey(route.access);
    if (!shared.has(key)) shared.set(key, []);
    shared.get(key).push(route);
  }
  const out = [];
  const placed = new Set();
  for (const route of deployed) {
    if (placed.has(route.name)) continue;
    const group = ownFunction(route) ? [route] : shared.get(needsKey(route.access));
    for (const r of group) placed.add(r.name);
    if (group.length === 1) out.push({ name: route.name, routes: group, access: route.access, entry: false });
    else out.push({ name: `api${needsName(route.access)}`, routes: group, access: route.access, entry: true });
  }
  for (const f of out) if (f.name.length > MAX_NAME) throw new Error(`function name ${f.name} is over ${MAX_NAME} characters`);
  const names = new Set([...out.map((f) => f.name), ...jobs.map((j) => j.name)]);
  if (names.size !== out.length + jobs.length) throw new Error('a function name is used twice (a route or job named like a shared function?)');
  return out;
}

/** The function that serves each deployed route or job, by route or job name. */
function functionOf() {
  const out = {};
  for (const f of httpFunctions()) for (const r of f.routes) out[r.name] = f.name;
  for (const job of jobs) out[job.name] = job.name;
  return out;
}

module.exports = { httpFunctions, functionOf, routeKey, needsName };

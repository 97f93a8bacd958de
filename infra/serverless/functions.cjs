// Lambda functions for serverless.yml: one per route, from the route table the local server also reads,
// and one per scheduled job (functions/jobs.json), which the local stack runs on an interval instead.
const routes = require('../../functions/routes.json');
const jobs = require('../../functions/jobs.json');
const { streamFunctions } = require('./streams.cjs');

module.exports = () => ({
  ...Object.fromEntries(
    routes
      .filter((route) => !route.localOnly)
      .map((route) => [
        route.name,
        {
          handler: `functions/src/handlers/${route.handler}.handler`,
          // A route that needs more than the provider's default (the roster import: a file of 20,000 rows).
          ...(route.timeout ? { timeout: route.timeout } : {}),
          ...(route.memorySize ? { memorySize: route.memorySize } : {}),
          events: [{ httpApi: route.path === '*' ? '*' : { method: route.method, path: route.path } }],
        },
      ]),
  ),
  ...Object.fromEntries(
    jobs.map((job) => [
      job.name,
      {
        handler: `functions/src/handlers/${job.handler}.handler`,
        timeout: job.timeout ?? 60,
        events: [{ schedule: { rate: [job.schedule], enabled: true } }],
      },
    ]),
  ),
  // Stream consumers (functions/streams.json): the aggregator of issue 19.
  ...streamFunctions(),
});

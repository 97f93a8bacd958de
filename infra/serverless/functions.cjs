// Lambda functions for serverless.yml: the HTTP functions from the route table the local server also reads (routes
// that declare the same `access` share one function; infra/serverless/function-groups.cjs says which keep their own),
// and one per scheduled job (functions/jobs.json), which the local stack runs on an interval instead.
const jobs = require('../../functions/jobs.json');
const { httpFunctions } = require('./function-groups.cjs');
const { streamFunctions } = require('./streams.cjs');

const http = () =>
  httpFunctions().map((f) => {
    const [first] = f.routes;
    return [
      f.name,
      {
        // A shared function's entry (functions/src/entries/, `npm run entries`) dispatches on the routeKey.
        handler: f.entry ? `functions/src/entries/${f.name}.handler` : `functions/src/handlers/${first.handler}.handler`,
        // A route that needs more than the provider's default (the roster import: a file of 20,000 rows).
        ...(!f.entry && first.timeout ? { timeout: first.timeout } : {}),
        ...(!f.entry && first.memorySize ? { memorySize: first.memorySize } : {}),
        // An API Gateway route each; serverless makes one integration and one invoke permission per function.
        events: f.routes.map((r) => ({ httpApi: r.path === '*' ? '*' : { method: r.method, path: r.path } })),
      },
    ];
  });

const scheduled = () =>
  jobs.map((job) => [
    job.name,
    {
      handler: `functions/src/handlers/${job.handler}.handler`,
      timeout: job.timeout ?? 60,
      events: [{ schedule: { rate: [job.schedule], enabled: true } }],
    },
  ]);

// Stream consumers (functions/streams.json): the aggregator of the table's stream.
module.exports = () => ({ ...Object.fromEntries([...http(), ...scheduled()]), ...streamFunctions() });

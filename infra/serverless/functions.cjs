// Lambda functions for serverless.yml, one per route, from the route table the local server also reads.
const routes = require('../../functions/routes.json');

module.exports = () =>
  Object.fromEntries(
    routes
      .filter((route) => !route.localOnly)
      .map((route) => [
        route.name,
        {
          handler: `functions/src/handlers/${route.handler}.handler`,
          events: [{ httpApi: route.path === '*' ? '*' : { method: route.method, path: route.path } }],
        },
      ]),
  );

import type { LambdaHandler } from './http.ts';

/**
 * The handler of a Lambda function that serves several routes (functions/src/entries/, written by `npm run entries`):
 * API Gateway names the route it matched in `event.routeKey` ("POST /v1/…"); that route's own handler answers, as
 * it does alone on the local stack. A routeKey the function does not serve (API Gateway sends none) gets `fallback`,
 * the JSON 404 of the `*` route.
 */
export function dispatch(handlers: Record<string, LambdaHandler>, fallback: LambdaHandler): LambdaHandler {
  const byRouteKey = new Map(Object.entries(handlers));
  return (event, context) => (byRouteKey.get(event.routeKey) ?? fallback)(event, context);
}

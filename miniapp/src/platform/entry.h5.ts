import { pageForWebPath } from '../utils/links';

/** `/s/<id>/<token>` and `/display/<id>?key=` open their pages; the address becomes the hash route so a reload stays there. */
export function routeEntryPath(): void {
  const page = pageForWebPath(window.location.pathname, window.location.search);
  if (page) window.history.replaceState(null, '', `/#${page}`);
}

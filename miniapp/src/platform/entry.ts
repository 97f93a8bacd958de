/** Mini-programs open pages by their own paths: nothing to translate at start. */
export function routeEntryPath(): void {}

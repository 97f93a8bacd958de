/** Opens the shareable display address in this tab, the same one the venue's PC uses. */
export function openDisplay(link: { url: string; key: string }, _sessionId: string): void {
  window.location.assign(link.url);
}

// For unit tests of the clients of WeChat's and DingTalk's servers (never imported by a handler).

export type Call = { path: string; query: Record<string, string>; body: Record<string, unknown> };

/** A fetch that answers from a script of replies per path (then `{ errcode: -1 }`), recording every call. */
export function fakeFetch(replies: Record<string, unknown[]>) {
  const calls: Call[] = [];
  const fetch = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown> });
    const reply = replies[url.pathname]?.shift() ?? { errcode: -1 };
    return new Response(JSON.stringify(reply));
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/**
 * Hash routes: `#/view/arg?key=value`. Every view state that matters lives in the URL so it can
 * be shared and reloaded.
 */

/** A parsed route. */
export interface Route {
  view: string;
  arg: string | undefined;
  params: URLSearchParams;
}

/** Parses `location.hash`. */
export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const path = q >= 0 ? h.slice(0, q) : h;
  const params = new URLSearchParams(q >= 0 ? h.slice(q + 1) : '');
  const slash = path.indexOf('/');
  const view = (slash >= 0 ? path.slice(0, slash) : path) || 'sources';
  const rawArg = slash >= 0 ? path.slice(slash + 1) : '';
  return { view, arg: rawArg ? decodeURIComponent(rawArg) : undefined, params };
}

/** Builds a hash link; empty params are dropped. */
export function link(view: string, arg?: string, params: Record<string, string | number | undefined | null> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ''}${s ? `?${s}` : ''}`;
}

/**
 * The web app's only door to data: JSON over the Annalist HTTP API. A token given once as
 * `?token=` in the page URL is kept for the tab and sent as a bearer header.
 */

const TOKEN_KEY = 'annalist-token';

/** Reads the token from the page URL (then removes it from the address bar) or from session storage. */
function currentToken(): string | null {
  const url = new URL(location.href);
  const t = url.searchParams.get('token');
  if (t) {
    sessionStorage.setItem(TOKEN_KEY, t);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Headers for API requests. */
function headers(): HeadersInit {
  const t = currentToken();
  return t ? { authorization: `Bearer ${t}` } : {};
}

/** GETs `/api/<path>` with query parameters (empty ones dropped) and returns the JSON body. */
export async function getJson<T>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  const res = await fetch(`/api/${path}${s ? `?${s}` : ''}`, { headers: headers() });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(`${res.status}: ${body.message ?? res.statusText}`);
  }
  return (await res.json()) as T;
}

/** Uploads a file to `/api/ingest` as a raw body. */
export async function uploadFile(file: File): Promise<{ id: string; status: string }> {
  const res = await fetch(`/api/ingest?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { ...headers(), 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json()) as { id: string; status: string; message?: string };
  if (!res.ok) throw new Error(`${res.status}: ${body.message ?? res.statusText}`);
  return body;
}

/** Shapes the views read (a subset of the API responses). */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** A source list row. */
export interface SourceRow {
  id: string;
  title?: string;
  path?: string;
  format: string;
  length: number;
  annotations: number;
  messages: number;
}

/** A stand-off annotation. */
export interface Ann {
  id: string;
  layer: string;
  start: number;
  end: number;
  label: string;
  attrs: Record<string, unknown>;
}

/** A section of a source. */
export interface Sec {
  id: string;
  kind: string;
  start: number;
  end: number;
  author?: string;
  displayName?: string;
  time?: string;
  depth?: number;
  level?: number;
}

/** A source with text and annotations. */
export interface SourceDoc {
  id: string;
  meta: { title?: string; path?: string; format: string; published?: string; author?: string };
  text: string;
  sections: Sec[];
  messages: Array<{ reason: string; severity: string; rule: string }>;
  annotations: Ann[];
  layers: Record<string, number>;
}

/** A timeline item. */
export interface TimelineItem {
  id: string;
  class: string;
  label: string;
  start: string;
  end: string;
  edtf: string | null;
  uncertain: boolean;
  sources: string[];
  participants: Array<{ id: string; name: string }>;
  conflicts: string[];
}

/** A conflict with enriched evidence. */
export interface ConflictRow {
  id: string;
  kind?: string;
  severity?: string;
  explanation?: string;
  event?: string;
  evidence: Array<{ source: string; sourceTitle: string; start: number; end: number; text: string }>;
}

/** A rhetoric technique as people read it: "Exaggeration,Minimisation" → "Exaggeration, Minimisation", "Loaded_Language" → "Loaded Language". */
export function techniqueLabel(label: string): string {
  return label.replace(/_/g, ' ').replace(/\s*,\s*/g, ', ');
}

/** Display title of a source row. */
export function titleOf(s: { title?: string; path?: string; id: string }): string {
  // An untitled file is named by its file name, not its whole path (which says where the user keeps files, not what it is).
  // An upload's path is `upload:<file name>`: the file name is the name.
  const path = s.path?.replace(/^upload:/, '');
  return s.title || (path ? (path.split(/[\\/]/).filter(Boolean).at(-1) ?? path) : '') || s.id.slice(0, 12);
}

import type { KnowledgeBase } from '../kb/types.ts';
import type { Store } from '../store/store.ts';

/** What every route module receives: the store and the knowledge base. */
export interface ApiContext {
  store: Store;
  kb: KnowledgeBase;
  /** Largest accepted upload in bytes. */
  uploadLimit: number;
}

/** Resolves a full source id or a unique prefix to a stored id. */
export function resolveSource(ctx: ApiContext, id: string): string | undefined {
  return ctx.store.getSource(id) ? id : ctx.store.resolveId(id);
}

/** Splits a comma-separated query value into trimmed, non-empty parts. */
export function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** JSON schema of the standard error body. */
export const errorSchema = { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } };

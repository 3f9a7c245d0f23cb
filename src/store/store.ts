import Database from 'better-sqlite3';
import type { AnalyzedSource, Annotation, Json, Message, Section, Source, SourceMeta } from '../core/types.ts';
import { AnnalistError } from '../core/errors.ts';
import { MIGRATIONS } from './migrations.ts';

/** Outcome of storing one document. */
export type PutStatus = 'new' | 'unchanged' | 'version';

/** One row of `listSources`. */
export interface SourceSummary {
  id: string;
  key: string;
  version: number;
  title?: string;
  format: string;
  path?: string;
  length: number;
  sections: number;
  annotations: number;
  messages: number;
  ingestedAt: string;
}

/** A full-text search hit. */
export interface SearchHit {
  sourceId: string;
  title?: string;
  snippet: string;
  rank: number;
}

/** Corpus-level record kinds kept by the corpus stages. */
export type CorpusKind = 'entity' | 'event' | 'relation' | 'conflict' | string;

/** Counts for `annalist stats`. */
export interface StoreStats {
  sources: number;
  versions: number;
  sections: Record<string, number>;
  annotations: Record<string, number>;
  messages: Record<string, number>;
  corpus: Record<string, number>;
}

type Row = Record<string, unknown>;

/**
 * Layers not written to the database: cheap to recompute from the text (a token is a row per word,
 * which would dominate the file; mention candidates are the link stage's input). Readers that need
 * them rerun the stages.
 */
export const TRANSIENT_LAYERS: ReadonlySet<string> = new Set(['token', 'mention-candidate']);

/**
 * The embedded SQLite store (better-sqlite3, WAL, FTS5). Holds sources with their sections,
 * annotations, messages and stage versions, plus corpus-level records. Each document's writes are
 * one transaction, so an interrupted run never leaves half a document.
 */
export class Store {
  readonly db: Database.Database;

  /** Statements prepared once per store and reused (preparing is a parse and plan per call). */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  /** The prepared statement for some SQL, prepared on first use and kept for the store's life. */
  private prepared(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** Runs pending migrations. Throws if the file was written by a newer schema. */
  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) throw new AnnalistError('STORE_SCHEMA', `schema ${current} > ${MIGRATIONS.length}`);
    for (let v = current; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  /** Tells what storing this source would do, without writing. */
  statusOf(source: Source): PutStatus {
    if (this.prepared('SELECT 1 FROM sources WHERE id = ?').get(source.id)) return 'unchanged';
    return this.prepared('SELECT 1 FROM sources WHERE key = ?').get(source.key) ? 'version' : 'new';
  }

  /**
   * Stores one analyzed document in a single transaction: the source (a new version if its key is
   * known with other content), its sections, annotations, messages and stage versions.
   * Storing the same content again changes nothing and returns `unchanged`.
   */
  putDocument(doc: AnalyzedSource, stageVersions: Record<string, string> = {}): PutStatus {
    const status = this.statusOf(doc);
    if (status === 'unchanged') return status;
    this.db.transaction(() => {
      const prev = this.prepared('SELECT MAX(version) AS v FROM sources WHERE key = ?').get(doc.key) as { v: number | null };
      this.prepared('UPDATE sources SET current = 0 WHERE key = ?').run(doc.key);
      this
        .prepared('INSERT INTO sources (id, key, version, current, meta, text, source_map, ingested_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)')
        .run(doc.id, doc.key, (prev.v ?? 0) + 1, JSON.stringify(doc.meta), doc.text, JSON.stringify(doc.sourceMap), new Date().toISOString());
      this.prepared('INSERT INTO sources_fts (source_id, title, text) VALUES (?, ?, ?)').run(doc.id, doc.meta.title ?? '', doc.text);
      this.writeSections(doc.id, doc.sections);
      this.writeAnalysis(doc.id, doc.annotations, doc.messages, stageVersions);
    })();
    return status;
  }

  /** Replaces a stored source's annotations, messages and stage versions in one transaction. */
  replaceAnalysis(sourceId: string, annotations: Annotation[], messages: Message[], stageVersions: Record<string, string>): void {
    this.db.transaction(() => {
      for (const t of ['annotations', 'messages', 'stage_runs']) this.prepared(`DELETE FROM ${t} WHERE source_id = ?`).run(sourceId);
      this.writeAnalysis(sourceId, annotations, messages, stageVersions);
    })();
  }

  private writeSections(sourceId: string, sections: Section[]): void {
    const ins = this.prepared('INSERT INTO sections (source_id, idx, id, kind, start, end, attrs) VALUES (?, ?, ?, ?, ?, ?, ?)');
    sections.forEach((s, i) => {
      const { id, kind, start, end, ...attrs } = s;
      ins.run(sourceId, i, id, kind, start, end, JSON.stringify(attrs));
    });
  }

  private writeAnalysis(sourceId: string, annotations: Annotation[], messages: Message[], stageVersions: Record<string, string>): void {
    annotations = annotations.filter((a) => !TRANSIENT_LAYERS.has(a.layer));
    const insA = this.prepared(
      'INSERT OR REPLACE INTO annotations (source_id, id, layer, start, end, label, attrs, stage, stage_version, rule, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of annotations) {
      insA.run(sourceId, a.id, a.layer, a.start, a.end, a.label, JSON.stringify(a.attrs), a.provenance.stage, a.provenance.version, a.provenance.rule ?? null, a.provenance.confidence ?? null);
    }
    const insM = this.prepared('INSERT INTO messages (source_id, seq, severity, rule, origin, reason, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    messages.forEach((m, i) => insM.run(sourceId, i, m.severity, m.rule, m.source, m.reason, m.place?.start ?? null, m.place?.end ?? null));
    const insV = this.prepared('INSERT INTO stage_runs (source_id, stage, version) VALUES (?, ?, ?)');
    for (const [stage, version] of Object.entries(stageVersions)) insV.run(sourceId, stage, version);
  }

  /** Summaries of sources, current versions only unless `all`. */
  listSources(opts: { all?: boolean; limit?: number; offset?: number } = {}): SourceSummary[] {
    const rows = this
      .prepared(
        `SELECT s.id, s.key, s.version, s.meta, length(s.text) AS length, s.ingested_at,
          (SELECT COUNT(*) FROM sections x WHERE x.source_id = s.id) AS sections,
          (SELECT COUNT(*) FROM annotations a WHERE a.source_id = s.id) AS annotations,
          (SELECT COUNT(*) FROM messages m WHERE m.source_id = s.id) AS messages
         FROM sources s ${opts.all ? '' : 'WHERE s.current = 1'} ORDER BY s.ingested_at, s.id LIMIT ? OFFSET ?`,
      )
      .all(opts.limit ?? -1, opts.offset ?? 0) as Row[];
    return rows.map((r) => {
      const meta = JSON.parse(r.meta as string) as SourceMeta;
      return {
        id: r.id as string,
        key: r.key as string,
        version: r.version as number,
        title: meta.title,
        format: meta.format,
        path: meta.path,
        length: r.length as number,
        sections: r.sections as number,
        annotations: r.annotations as number,
        messages: r.messages as number,
        ingestedAt: r.ingested_at as string,
      };
    });
  }

  /** Ids of current sources, in ingest order. */
  sourceIds(): string[] {
    return (this.prepared('SELECT id FROM sources WHERE current = 1 ORDER BY ingested_at, id').all() as Row[]).map((r) => r.id as string);
  }

  /** Resolves a full id or a unique id prefix to a stored source id, or undefined. */
  resolveId(prefix: string): string | undefined {
    const rows = this.prepared("SELECT id FROM sources WHERE id LIKE ? || '%' LIMIT 2").all(prefix) as Row[];
    return rows.length === 1 ? (rows[0]!.id as string) : undefined;
  }

  /** A stored source without annotations, or undefined. */
  getSource(id: string): Source | undefined {
    const r = this.prepared('SELECT * FROM sources WHERE id = ?').get(id) as Row | undefined;
    if (!r) return undefined;
    const sections = (this.prepared('SELECT * FROM sections WHERE source_id = ? ORDER BY idx').all(id) as Row[]).map(
      (s) => ({ id: s.id, kind: s.kind, start: s.start, end: s.end, ...(JSON.parse(s.attrs as string) as object) }) as Section,
    );
    const messages = (this.prepared('SELECT * FROM messages WHERE source_id = ? ORDER BY seq').all(id) as Row[]).map((m) => {
      const msg: Message = { reason: m.reason as string, severity: m.severity as Message['severity'], rule: m.rule as string, source: m.origin as string };
      if (m.start != null) msg.place = { start: m.start as number, end: m.end as number };
      return msg;
    });
    return {
      id,
      key: r.key as string,
      meta: JSON.parse(r.meta as string) as SourceMeta,
      text: r.text as string,
      sourceMap: JSON.parse(r.source_map as string) as Source['sourceMap'],
      sections,
      messages,
    };
  }

  /** Annotations of a source, optionally of some layers, sorted by start. */
  getAnnotations(sourceId: string, layers?: string[]): Annotation[] {
    const rows = (
      layers && layers.length
        ? this
            .prepared(`SELECT * FROM annotations WHERE source_id = ? AND layer IN (${layers.map(() => '?').join(',')}) ORDER BY start, end DESC`)
            .all(sourceId, ...layers)
        : this.prepared('SELECT * FROM annotations WHERE source_id = ? ORDER BY start, end DESC').all(sourceId)
    ) as Row[];
    return rows.map((r) => {
      const provenance: Annotation['provenance'] = { stage: r.stage as string, version: r.stage_version as string };
      if (r.rule != null) provenance.rule = r.rule as string;
      if (r.confidence != null) provenance.confidence = r.confidence as number;
      return {
        id: r.id as string,
        layer: r.layer as string,
        start: r.start as number,
        end: r.end as number,
        label: r.label as string,
        attrs: JSON.parse(r.attrs as string) as Record<string, Json>,
        provenance,
      };
    });
  }

  /** A source with all its annotations, or undefined. */
  getAnalyzed(id: string): AnalyzedSource | undefined {
    const s = this.getSource(id);
    return s ? { ...s, annotations: this.getAnnotations(id) } : undefined;
  }

  /** Stage versions recorded for a source. */
  stageVersions(sourceId: string): Record<string, string> {
    const rows = this.prepared('SELECT stage, version FROM stage_runs WHERE source_id = ?').all(sourceId) as Row[];
    return Object.fromEntries(rows.map((r) => [r.stage as string, r.version as string]));
  }

  /** Full-text search over current sources, with highlighted snippets (`[…]` marks hits). */
  search(query: string, limit = 20): SearchHit[] {
    const q = toFtsQuery(query);
    if (!q) return [];
    const rows = this
      .prepared(
        `SELECT f.source_id, f.title, snippet(sources_fts, 2, '[', ']', '…', 12) AS snip, bm25(sources_fts) AS rank
         FROM sources_fts f JOIN sources s ON s.id = f.source_id AND s.current = 1
         WHERE sources_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(q, limit) as Row[];
    return rows.map((r) => ({ sourceId: r.source_id as string, title: (r.title as string) || undefined, snippet: r.snip as string, rank: r.rank as number }));
  }

  /** Replaces all corpus records of one kind in one transaction. */
  replaceCorpus(kind: CorpusKind, records: Array<{ id: string }>): void {
    this.db.transaction(() => {
      this.prepared('DELETE FROM corpus_records WHERE kind = ?').run(kind);
      const ins = this.prepared('INSERT OR REPLACE INTO corpus_records (kind, id, data) VALUES (?, ?, ?)');
      for (const r of records) ins.run(kind, r.id, JSON.stringify(r));
    })();
  }

  /** Corpus records of one kind. */
  getCorpus<T = unknown>(kind: CorpusKind): T[] {
    return (this.prepared('SELECT data FROM corpus_records WHERE kind = ? ORDER BY id').all(kind) as Row[]).map((r) => JSON.parse(r.data as string) as T);
  }

  /** Counts of sources, sections, annotations by layer, messages by severity and corpus records. */
  stats(): StoreStats {
    const count = (sql: string) => Object.fromEntries((this.prepared(sql).all() as Row[]).map((r) => [r.k as string, r.n as number]));
    return {
      sources: (this.prepared('SELECT COUNT(*) AS n FROM sources WHERE current = 1').get() as Row).n as number,
      versions: (this.prepared('SELECT COUNT(*) AS n FROM sources').get() as Row).n as number,
      sections: count('SELECT kind AS k, COUNT(*) AS n FROM sections GROUP BY kind'),
      annotations: count('SELECT layer AS k, COUNT(*) AS n FROM annotations GROUP BY layer'),
      messages: count('SELECT severity AS k, COUNT(*) AS n FROM messages GROUP BY severity'),
      corpus: count('SELECT kind AS k, COUNT(*) AS n FROM corpus_records GROUP BY kind'),
    };
  }
}

/** Turns free user text into a safe FTS5 query: each word quoted, all words required. */
export function toFtsQuery(query: string): string {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ');
}

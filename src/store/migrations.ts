/**
 * Ordered schema migrations. Each entry runs once, in a transaction; `user_version` records
 * how many have run. Append, never edit, a migration that has shipped.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    meta TEXT NOT NULL,
    text TEXT NOT NULL,
    source_map TEXT NOT NULL,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX sources_key ON sources(key, version);
  CREATE TABLE sections (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (source_id, idx)
  );
  CREATE TABLE annotations (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    layer TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    label TEXT NOT NULL,
    attrs TEXT NOT NULL,
    stage TEXT NOT NULL,
    stage_version TEXT NOT NULL,
    rule TEXT,
    confidence REAL,
    PRIMARY KEY (source_id, id)
  );
  CREATE INDEX annotations_layer ON annotations(source_id, layer, start);
  CREATE TABLE messages (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    severity TEXT NOT NULL,
    rule TEXT NOT NULL,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    start INTEGER,
    end INTEGER,
    PRIMARY KEY (source_id, seq)
  );
  CREATE TABLE stage_runs (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (source_id, stage)
  );
  CREATE TABLE corpus_records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE VIRTUAL TABLE sources_fts USING fts5(source_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
  `,
];

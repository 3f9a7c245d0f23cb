/**
 * The shipped name-recognizer model (`data/models/ner.bin`): averaged-perceptron weights in a hashed
 * table (no feature strings, hence no words of the training text), quantized to 16-bit integers and
 * stored sparsely; a loader expands it into a dense typed array for lookups by feature hash.
 *
 * File layout (little-endian): uint32 header length, header JSON (format, tags, trainedOn, epochs,
 * bits, scale, count, nameCount, extCount, classCount), zero padding to a multiple of 4, `count` uint32 row indices
 * (ascending), `count × tags` int16 weights, padding to a multiple of 4, `nameCount` uint32 name hashes
 * and `nameCount` uint8 type bits (padded to 4), `extCount` uint32 external-name hashes and their uint8
 * type bits (padded), `classCount` uint32 word hashes, `classCount` uint32 class bits, and when the header
 * has `geoCount`, that many uint32 geographic-gazetteer hashes and their uint8 tier bits (padded), and
 * when it has `embCount`, the word-vector table: that many uint32 folded-word hashes, as many uint16
 * code counts (padded), and the `embCodes` uint8 codes one word after the other (padded).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactNameList } from './names.ts';
import { EXTRA_CLASSES, useFeatureGroups } from './features.ts';
import { NER_TAGS, type WeightLookup } from './tagger.ts';

/** A trained model: sparse rows of a 2^bits-row hashed weight table. */
export interface NerModel {
  format: 'annalist-ner-hashed/2';
  tags: string[];
  trainedOn: string;
  /** Tagging passes (2: a two-stage model, see `stacking.ts`); absent: 1. */
  passes?: number;
  /** Decoder the weights were trained for ('viterbi': `viterbi.ts`); absent: greedy. */
  decoder?: 'viterbi';
  /** Gated feature groups the weights were trained with (`GATED_FEATURES` in `features.ts`); absent: none. */
  features?: string[];
  epochs: number;
  /** log2 of the number of rows; a feature hash `h` addresses row `h & (2^bits − 1)`. */
  bits: number;
  /** Weights were multiplied by `scale` before rounding (argmax does not depend on it). */
  scale: number;
  /** Indices of the non-zero rows, ascending. */
  rows: Uint32Array;
  /** `rows.length × tags.length` quantized weights, row after row. */
  values: Int16Array;
  /** Sequence hashes (unsigned, ascending) of the names of the training annotations (`names.ts`)… */
  names: Uint32Array;
  /** …and their type bits. */
  nameTypes: Uint8Array;
  /** Sequence hashes (unsigned, ascending) of the names of the external gazetteer… */
  ext: Uint32Array;
  /** …and their type bits. */
  extTypes: Uint8Array;
  /** Word-class table: folded-word hashes (unsigned, ascending) and their class bits. */
  classKeys: Uint32Array;
  classValues: Uint32Array;
  /** Geographic gazetteer (optional): sequence hashes (unsigned, ascending) of place names… */
  geo?: Uint32Array;
  /** …and their population-tier bits. */
  geoTypes?: Uint8Array;
  /**
   * Word-vector table of the gated groups `emb`, `embNear`, `embFar` (optional; see `embHashes` in
   * `features.ts`): folded-word hashes (unsigned, ascending)…
   */
  embKeys?: Uint32Array;
  /** …the number of codes of each word… */
  embLengths?: Uint16Array;
  /** …and the codes, word after word. */
  embCodes?: Uint8Array;
}

/** The word-vector table of a model as `EXTRA_CLASSES.emb` reads it (signed folded-word hash → codes). */
export function embeddingCodesOf(m: NerModel): Map<number, Uint8Array> {
  const table = new Map<number, Uint8Array>();
  if (!m.embKeys || !m.embLengths || !m.embCodes) return table;
  let at = 0;
  for (let k = 0; k < m.embKeys.length; k++) {
    const len = m.embLengths[k]!;
    table.set(m.embKeys[k]! | 0, m.embCodes.subarray(at, at + len));
    at += len;
  }
  return table;
}

/** The bundled model file. */
export const DEFAULT_NER_MODEL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'models', 'ner.bin');

/** Serializes a model to the binary file layout described above. */
export function serializeNerModel(m: NerModel): Buffer {
  const header = Buffer.from(JSON.stringify({ format: m.format, tags: m.tags, trainedOn: m.trainedOn, ...(m.passes ? { passes: m.passes } : {}), ...(m.decoder ? { decoder: m.decoder } : {}), ...(m.features?.length ? { features: m.features } : {}), epochs: m.epochs, bits: m.bits, scale: m.scale, count: m.rows.length, nameCount: m.names.length, extCount: m.ext.length, classCount: m.classKeys.length, ...(m.geo ? { geoCount: m.geo.length } : {}), ...(m.embKeys ? { embCount: m.embKeys.length, embCodeCount: m.embCodes!.length } : {}) }), 'utf8');
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  const rows = Buffer.alloc(m.rows.length * 4);
  m.rows.forEach((r, k) => rows.writeUInt32LE(r, k * 4));
  const values = Buffer.alloc(m.values.length * 2);
  m.values.forEach((v, k) => values.writeInt16LE(v, k * 2));
  const pad2 = values.length % 4;
  const u32 = (xs: Uint32Array) => {
    const b = Buffer.alloc(xs.length * 4);
    xs.forEach((h, k) => b.writeUInt32LE(h, k * 4));
    return b;
  };
  const u8 = (xs: Uint8Array) => Buffer.concat([Buffer.from(xs), Buffer.alloc((4 - (xs.length % 4)) % 4)]);
  const u16 = (xs: Uint16Array) => {
    const b = Buffer.alloc(xs.length * 2 + ((xs.length % 2) * 2));
    xs.forEach((v, k) => b.writeUInt16LE(v, k * 2));
    return b;
  };
  return Buffer.concat([len, header, Buffer.alloc(pad), rows, values, Buffer.alloc(pad2), u32(m.names), u8(m.nameTypes), u32(m.ext), u8(m.extTypes), u32(m.classKeys), u32(m.classValues), ...(m.geo ? [u32(m.geo), u8(m.geoTypes!)] : []), ...(m.embKeys ? [u32(m.embKeys), u16(m.embLengths!), u8(m.embCodes!)] : [])]);
}

/** Parses a model file written by `serializeNerModel`. Throws on an unknown format. */
export function parseNerModel(buf: Buffer): NerModel {
  const hlen = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString('utf8')) as Omit<NerModel, 'rows' | 'values' | 'names' | 'nameTypes' | 'ext' | 'extTypes' | 'classKeys' | 'classValues' | 'geo' | 'geoTypes' | 'embKeys' | 'embLengths' | 'embCodes'> & {
    geoCount?: number;
    embCount?: number;
    embCodeCount?: number;
    count: number;
    nameCount: number;
    extCount: number;
    classCount: number;
  };
  if (header.format !== 'annalist-ner-hashed/2') throw new Error(`ner model: unknown format ${String(header.format)}`);
  let off = 4 + hlen;
  off += (4 - (off % 4)) % 4;
  const rows = new Uint32Array(header.count);
  for (let k = 0; k < header.count; k++) rows[k] = buf.readUInt32LE(off + k * 4);
  off += header.count * 4;
  const values = new Int16Array(header.count * header.tags.length);
  for (let k = 0; k < values.length; k++) values[k] = buf.readInt16LE(off + k * 2);
  off += values.length * 2;
  off += off % 4;
  const u32 = (count: number) => {
    const xs = new Uint32Array(count);
    for (let k = 0; k < count; k++) xs[k] = buf.readUInt32LE(off + k * 4);
    off += count * 4;
    return xs;
  };
  const u8 = (count: number) => {
    const xs = Uint8Array.from(buf.subarray(off, off + count));
    off += count + ((4 - (count % 4)) % 4);
    return xs;
  };
  const names = u32(header.nameCount);
  const nameTypes = u8(header.nameCount);
  const ext = u32(header.extCount);
  const extTypes = u8(header.extCount);
  const classKeys = u32(header.classCount);
  const classValues = u32(header.classCount);
  const geo = header.geoCount ? { geo: u32(header.geoCount), geoTypes: u8(header.geoCount) } : {};
  const u16 = (count: number) => {
    const xs = new Uint16Array(count);
    for (let k = 0; k < count; k++) xs[k] = buf.readUInt16LE(off + k * 2);
    off += count * 2 + (count % 2) * 2;
    return xs;
  };
  const emb = header.embCount ? { embKeys: u32(header.embCount), embLengths: u16(header.embCount), embCodes: u8(header.embCodeCount ?? 0) } : {};
  return { format: header.format, tags: header.tags, trainedOn: header.trainedOn, ...(header.passes ? { passes: header.passes } : {}), ...(header.decoder ? { decoder: header.decoder } : {}), ...(header.features ? { features: header.features } : {}), epochs: header.epochs, bits: header.bits, scale: header.scale, rows, values, names, nameTypes, ext, extTypes, classKeys, classValues, ...geo, ...emb };
}

/** A loaded model: a dense Int16 table addressed by feature hash, ready for `tagDocument`. */
export interface LoadedNerModel extends WeightLookup {
  model: NerModel;
  names: CompactNameList;
  ext: CompactNameList;
  geo?: CompactNameList;
  classes: Map<number, number>;
  /** Number of non-zero rows. */
  size: number;
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Builds the run-time lookup from a model. Throws if its tag set differs from `NER_TAGS`. */
export function prepareNerModel(model: NerModel): LoadedNerModel {
  if (model.tags.join(',') !== NER_TAGS.join(',')) throw new Error(`ner model: tag set ${model.tags.join(',')} differs from ${NER_TAGS.join(',')}`);
  // the model's gated feature groups (process-wide: the last model prepared sets them)
  useFeatureGroups(model.features);
  // the model's word-vector table, if it has one (process-wide too, read while its groups are on)
  if (model.embKeys) EXTRA_CLASSES.emb = embeddingCodesOf(model);
  const width = NER_TAGS.length;
  const mask = (1 << model.bits) - 1;
  // Sparse table: a bitmap of the non-zero rows with per-word prefix counts (rank) addresses the
  // compact weights directly: ~1 MB that stays in cache, instead of a dense 2^bits × tags table.
  // index[2w] is bitmap word w, index[2w + 1] the number of rows before it: one cache line for both
  const words = Math.max(1, (mask + 1) >>> 5);
  const index = new Int32Array(2 * words);
  for (const r of model.rows) index[2 * (r >>> 5)]! |= 1 << (r & 31);
  for (let w = 1; w < words; w++) index[2 * w + 1] = index[2 * w - 1]! + popcount(index[2 * w - 2]!);
  const values = model.values;
  // hashes are stored unsigned; the matcher computes signed 32-bit hashes
  const names = new CompactNameList(Array.from(model.names, (h, k) => [h | 0, model.nameTypes[k]!] as const));
  const ext = new CompactNameList(Array.from(model.ext, (h, k) => [h | 0, model.extTypes[k]!] as const));
  const geo = model.geo && model.geoTypes ? new CompactNameList(Array.from(model.geo, (h, k) => [h | 0, model.geoTypes![k]!] as const)) : undefined;
  const classes = new Map<number, number>();
  model.classKeys.forEach((h, k) => classes.set(h | 0, model.classValues[k]! | 0));
  return {
    model,
    names,
    ext,
    ...(geo ? { geo } : {}),
    classes,
    ...(model.passes ? { passes: model.passes } : {}),
    ...(model.decoder ? { decoder: model.decoder } : {}),
    size: model.rows.length,
    addFeature(h: number, out: Float64Array): void {
      const row = h & mask;
      const at = (row >>> 5) << 1;
      const word = index[at]!;
      const bit = 1 << (row & 31);
      if ((word & bit) === 0) return;
      const base = (index[at + 1]! + popcount(word & (bit - 1))) * width;
      // the nine tags written out (the tag set is checked above): no loop to count and test per row
      out[0]! += values[base]!;
      out[1]! += values[base + 1]!;
      out[2]! += values[base + 2]!;
      out[3]! += values[base + 3]!;
      out[4]! += values[base + 4]!;
      out[5]! += values[base + 5]!;
      out[6]! += values[base + 6]!;
      out[7]! += values[base + 7]!;
      out[8]! += values[base + 8]!;
    },
  };
}

const cache = new Map<string, LoadedNerModel | null>();

/**
 * Loads (once per process and path) the model from `path` or the bundled file.
 * Returns null when the file does not exist, so callers can run gazetteer-only.
 */
export function loadNerModel(path: string = DEFAULT_NER_MODEL): LoadedNerModel | null {
  if (cache.has(path)) return cache.get(path)!;
  const loaded = existsSync(path) ? prepareNerModel(parseNerModel(readFileSync(path))) : null;
  cache.set(path, loaded);
  return loaded;
}

/**
 * The shipped name-recognizer model (`data/models/ner.bin`): averaged-perceptron weights in a hashed
 * table (no feature strings, hence no words of the training text), quantized to 16-bit integers and
 * stored sparsely; a loader expands it into a dense typed array for lookups by feature hash.
 *
 * File layout (little-endian): uint32 header length, header JSON (format, tags, trainedOn, epochs,
 * bits, scale, count, nameCount), zero padding to a multiple of 4, `count` uint32 row indices
 * (ascending), `count × tags` int16 weights, padding to a multiple of 4, `nameCount` uint32 name hashes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NER_TAGS, type WeightLookup } from './tagger.ts';

/** A trained model: sparse rows of a 2^bits-row hashed weight table. */
export interface NerModel {
  format: 'annalist-ner-hashed/1';
  tags: string[];
  trainedOn: string;
  epochs: number;
  /** log2 of the number of rows; a feature hash `h` addresses row `h & (2^bits − 1)`. */
  bits: number;
  /** Weights were multiplied by `scale` before rounding (argmax does not depend on it). */
  scale: number;
  /** Indices of the non-zero rows, ascending. */
  rows: Uint32Array;
  /** `rows.length × tags.length` quantized weights, row after row. */
  values: Int16Array;
  /** Hashes (unsigned) of the typed names of the training annotations (`names.ts`), ascending. */
  names: Uint32Array;
}

/** The bundled model file. */
export const DEFAULT_NER_MODEL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'models', 'ner.bin');

/** Serializes a model to the binary file layout described above. */
export function serializeNerModel(m: NerModel): Buffer {
  const header = Buffer.from(JSON.stringify({ format: m.format, tags: m.tags, trainedOn: m.trainedOn, epochs: m.epochs, bits: m.bits, scale: m.scale, count: m.rows.length, nameCount: m.names.length }), 'utf8');
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  const rows = Buffer.alloc(m.rows.length * 4);
  m.rows.forEach((r, k) => rows.writeUInt32LE(r, k * 4));
  const values = Buffer.alloc(m.values.length * 2);
  m.values.forEach((v, k) => values.writeInt16LE(v, k * 2));
  const pad2 = values.length % 4;
  const names = Buffer.alloc(m.names.length * 4);
  m.names.forEach((h, k) => names.writeUInt32LE(h, k * 4));
  return Buffer.concat([len, header, Buffer.alloc(pad), rows, values, Buffer.alloc(pad2), names]);
}

/** Parses a model file written by `serializeNerModel`. Throws on an unknown format. */
export function parseNerModel(buf: Buffer): NerModel {
  const hlen = buf.readUInt32LE(0);
  const header = JSON.parse(buf.subarray(4, 4 + hlen).toString('utf8')) as Omit<NerModel, 'rows' | 'values' | 'names'> & { count: number; nameCount: number };
  if (header.format !== 'annalist-ner-hashed/1') throw new Error(`ner model: unknown format ${String(header.format)}`);
  let off = 4 + hlen;
  off += (4 - (off % 4)) % 4;
  const rows = new Uint32Array(header.count);
  for (let k = 0; k < header.count; k++) rows[k] = buf.readUInt32LE(off + k * 4);
  off += header.count * 4;
  const values = new Int16Array(header.count * header.tags.length);
  for (let k = 0; k < values.length; k++) values[k] = buf.readInt16LE(off + k * 2);
  off += values.length * 2;
  off += off % 4;
  const names = new Uint32Array(header.nameCount);
  for (let k = 0; k < names.length; k++) names[k] = buf.readUInt32LE(off + k * 4);
  return { format: header.format, tags: header.tags, trainedOn: header.trainedOn, epochs: header.epochs, bits: header.bits, scale: header.scale, rows, values, names };
}

/** A loaded model: a dense Int16 table addressed by feature hash, ready for `tagDocument`. */
export interface LoadedNerModel extends WeightLookup {
  model: NerModel;
  names: Set<number>;
  /** Number of non-zero rows. */
  size: number;
}

/** Builds the run-time lookup from a model. Throws if its tag set differs from `NER_TAGS`. */
export function prepareNerModel(model: NerModel): LoadedNerModel {
  if (model.tags.join(',') !== NER_TAGS.join(',')) throw new Error(`ner model: tag set ${model.tags.join(',')} differs from ${NER_TAGS.join(',')}`);
  const width = NER_TAGS.length;
  const mask = (1 << model.bits) - 1;
  const table = new Int16Array((1 << model.bits) * width);
  model.rows.forEach((r, k) => table.set(model.values.subarray(k * width, (k + 1) * width), r * width));
  // name hashes are stored unsigned; the matcher computes signed 32-bit hashes
  const names = new Set<number>(Array.from(model.names, (h) => h | 0));
  return {
    model,
    names,
    size: model.rows.length,
    addFeature(h: number, out: Float64Array): void {
      const base = (h & mask) * width;
      for (let k = 0; k < width; k++) out[k]! += table[base + k]!;
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

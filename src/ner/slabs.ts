/**
 * Typed arrays carved out of shared slabs. A typed array of more than 64 bytes gets its own buffer
 * outside the JS heap, which costs far more to allocate than a view and which the garbage collector
 * sweeps one by one; the tagger's per-word caches and per-sentence facts are many such small arrays.
 * A view from a `Slabs` shares a large buffer with its neighbours, and a buffer lives as long as one of
 * its views does: keep arrays of one lifetime in one `Slabs` (long-lived caches apart from per-document
 * arrays), so that one long-lived view does not keep a buffer of dead ones.
 */

/** Bytes per slab (a request larger than this gets a buffer of its own). */
const SLAB_BYTES = 1 << 17;

/** A slab allocator of zeroed typed arrays (slab memory is never handed out twice). */
export class Slabs {
  private buffer = new ArrayBuffer(0);
  private used = 0;

  /** Offset of `bytes` bytes (aligned to 8) in `this.buffer`, which is a new buffer when the current one is full. */
  private take(bytes: number): number {
    const size = (bytes + 7) & ~7;
    if (this.used + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(SLAB_BYTES, size));
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  /** A zeroed Int32Array of `n` elements. */
  int32(n: number): Int32Array {
    const at = this.take(4 * n);
    return new Int32Array(this.buffer, at, n);
  }

  /** A zeroed Float64Array of `n` elements. */
  float64(n: number): Float64Array {
    const at = this.take(8 * n);
    return new Float64Array(this.buffer, at, n);
  }

  /** A zeroed Uint8Array of `n` elements. */
  uint8(n: number): Uint8Array {
    const at = this.take(n);
    return new Uint8Array(this.buffer, at, n);
  }
}

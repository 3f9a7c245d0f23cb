import { createHash } from 'node:crypto';

/** Short hex sha256 of bytes or a string: the id scheme for sources and annotations. */
export function hashContent(data: string | Uint8Array, length = 16): string {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
}

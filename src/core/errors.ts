/**
 * Catalog of programmer errors. Only these are thrown; bad input becomes a `Message`.
 */
export const ERROR_CODES = {
  STAGE_ORDER: 'a stage requires a layer no earlier stage assigns',
  STAGE_DUPLICATE: 'two stages share one name',
  STAGE_UNKNOWN: 'a stage name is not in the registry',
  BAD_SPAN: 'a span lies outside the text or ends before it starts',
  STORE_SCHEMA: 'the database schema is newer than this program',
  NOT_FOUND: 'the requested record does not exist',
  BAD_ARGUMENT: 'an argument is not of the expected form',
} as const;

/** A code from the error catalog. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An error raised for a programmer mistake, with a catalog code. */
export class AnnalistError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${ERROR_CODES[code]}: ${detail}` : ERROR_CODES[code]);
    this.code = code;
    this.name = 'AnnalistError';
  }
}

import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { type ApiContext, errorSchema } from '../context.ts';
import { ingestUpload, UnreadableUpload } from '../ingest-upload.ts';
import { looseObject } from '../paging.ts';

/** Raw-body content types accepted by `POST /api/ingest`. */
const RAW_TYPES = ['application/octet-stream', 'text/plain', 'text/html', 'text/markdown', 'application/pdf', 'application/xhtml+xml', 'text/x-wiki'];

/**
 * Route: `POST /api/ingest` — upload one document, as a raw body (`?name=` gives the file name)
 * or as `multipart/form-data` with one file field. Size-limited by `ctx.uploadLimit`. An upload the
 * readers cannot use (binary, broken PDF, no text) gets 422 and nothing is stored.
 */
export async function registerIngestRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser(['text/plain']);
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: ctx.uploadLimit }, (_req, body, done) => done(null, body));
    await scope.register(multipart, { limits: { fileSize: ctx.uploadLimit, files: 1, fields: 5, parts: 6 } });
    scope.post(
      '/api/ingest',
      {
        bodyLimit: ctx.uploadLimit,
        schema: {
          summary: 'Upload a document: it is read, analyzed, stored, then the corpus stages run',
          tags: ['ingest'],
          consumes: [...RAW_TYPES, 'multipart/form-data'],
          querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 300 } } },
          response: { 200: looseObject(), 201: looseObject(), 400: errorSchema, 413: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        let bytes: Uint8Array;
        let name = (req.query as { name?: string }).name;
        if (req.isMultipart()) {
          const file = await req.file();
          if (!file) return reply.code(400).send({ error: 'no-file', message: 'multipart upload without a file' });
          bytes = await file.toBuffer();
          name = name ?? file.filename;
        } else if (Buffer.isBuffer(req.body)) {
          bytes = req.body;
        } else {
          return reply.code(400).send({ error: 'no-body', message: `send the document as a raw body (${RAW_TYPES.join(', ')}) or multipart` });
        }
        if (bytes.length === 0) return reply.code(400).send({ error: 'empty', message: 'empty upload' });
        let result;
        try {
          result = await ingestUpload(ctx, bytes, name ?? 'upload.txt');
        } catch (err) {
          if (err instanceof UnreadableUpload) return reply.code(422).send({ error: 'unreadable', message: err.message });
          throw err;
        }
        return reply.code(result.status === 'unchanged' ? 200 : 201).send(result);
      },
    );
  });
}

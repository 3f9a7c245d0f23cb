/** Entity ids → IRIs for linked-data exports. */

const QID = /^Q[1-9][0-9]*$/;

/** True when an entity id is a Wikidata QID (`Q1290`). */
export function isQid(id: string): boolean {
  return QID.test(id);
}

/**
 * The IRI of an entity id: `http://www.wikidata.org/entity/Q…` for QIDs, otherwise a URN under
 * `urn:annalist:entity:` (local ids, `author`, `commenter:<name>`), percent-encoded.
 */
export function entityUri(id: string): string {
  if (isQid(id)) return `http://www.wikidata.org/entity/${id}`;
  return `urn:annalist:entity:${encodeURIComponent(id)}`;
}

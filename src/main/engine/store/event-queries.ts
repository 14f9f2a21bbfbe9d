// Reading stored events for the API: filters, offset and keyset paging, streaming export.
// (Filled in by the API work; the ingest path does not use it.)

export interface EventQueries {}

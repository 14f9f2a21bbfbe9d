// What the archive holds for one contract: the ledger ranges read completely and the holes
// between them, each with its reason, so an empty stretch is never mistaken for silence.
import { z } from 'zod';

export const COVERAGE_SOURCES = ['live', 'backfill', 'import'] as const;
export type CoverageSource = (typeof COVERAGE_SOURCES)[number];

export const coveredRangeSchema = z.object({
  from_ledger: z.number().int(),
  to_ledger: z.number().int(),
  /** Where the range came from; merged neighbours keep every source. */
  sources: z.array(z.enum(COVERAGE_SOURCES)),
  /** Close time of the first stored event at or after from_ledger, when one is stored. */
  from_time: z.string().nullable(),
});
export type CoveredRange = z.infer<typeof coveredRangeSchema>;

export const HOLE_REASONS = ['retention_gap', 'not_watched'] as const;

export const coverageHoleSchema = z.object({
  from_ledger: z.number().int(),
  to_ledger: z.number().int(),
  reason: z.enum(HOLE_REASONS),
  /** In words: the gap's own reason, or why nothing was read. */
  detail: z.string(),
});
export type CoverageHole = z.infer<typeof coverageHoleSchema>;

export const contractCoverageSchema = z.object({
  contract_id: z.string(),
  network_epoch: z.number().int(),
  /** The event types the contract is watched for (empty = all): coverage holds for these only. */
  event_types: z.array(z.string()),
  /** Ledgers held: first to last, or null when nothing has been read yet. */
  first_ledger: z.number().int().nullable(),
  last_ledger: z.number().int().nullable(),
  ranges: z.array(coveredRangeSchema),
  holes: z.array(coverageHoleSchema),
  /** "history from ledger L (date) with no gaps", or how many holes. */
  summary: z.string(),
});
export type ContractCoverage = z.infer<typeof contractCoverageSchema>;

export const fillHolesResponseSchema = z.object({
  contract_id: z.string(),
  /** The backfill started, or null when no hole lies within the RPC's retention. */
  backfill: z.object({ from_ledger: z.number().int(), to_ledger: z.number().int() }).nullable(),
  /** Holes older than the RPC keeps: only an archive import can fill them. */
  beyond_retention: z.array(coverageHoleSchema),
});
export type FillHolesResponse = z.infer<typeof fillHolesResponseSchema>;

/** First line of an archive file (NDJSON: this header, then one event per line). */
export const ARCHIVE_FORMAT = 'notifychain-archive';
export const archiveHeaderSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(1),
  network_passphrase: z.string().min(1),
  exported_at: z.string(),
  contracts: z.array(z.strictObject({ id: z.string(), name: z.string().nullable(), event_types: z.array(z.string()) })),
  from_ledger: z.number().int().nullable(),
  to_ledger: z.number().int().nullable(),
  /** Per contract, the ranges the file holds completely (a subset of the exporter's coverage). */
  coverage: z.record(z.string(), z.array(z.tuple([z.number().int(), z.number().int()]))),
  event_count: z.number().int().min(0),
  /** sha256 (hex) over the event lines, each with its trailing newline. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ArchiveHeader = z.infer<typeof archiveHeaderSchema>;

/** One event line of an archive: the stored columns, exactly (re-importing keeps ids and keys). */
export const archiveEventSchema = z.strictObject({
  event_id: z.string().min(1),
  contract_id: z.string().min(1),
  event_type: z.string(),
  ledger_sequence: z.number().int().min(0),
  created_at: z.string(),
  data: z.json(),
  topics: z.array(z.json()),
  raw_topics: z.array(z.string()),
  raw_value: z.string(),
  category: z.string().nullable(),
  priority: z.string().nullable(),
  tx_hash: z.string().nullable(),
  dedup_key: z.string().min(1),
  decode_status: z.string(),
  decode_error: z.string().nullable(),
});
export type ArchiveEvent = z.infer<typeof archiveEventSchema>;

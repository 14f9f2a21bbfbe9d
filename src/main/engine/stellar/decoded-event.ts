import type { Category, DecodeStatus, JsonValue, Priority } from '../../../shared/model';

/** An event after decoding, before it is stored. */
export interface DecodedEvent {
  eventId: string;
  contractId: string;
  eventType: string;
  ledger: number;
  /** Ledger close time, ISO 8601. */
  closedAt: string;
  txHash: string | null;
  topics: JsonValue[];
  data: JsonValue;
  category: Category | null;
  priority: Priority | null;
  decodeStatus: DecodeStatus;
  decodeError: string | null;
  rawTopics: string[];
  rawValue: string;
  dedupKey: string;
}

// Scheduled, expiring and revoked notifications: rows kept current from the contract's events
// (in the ingest transaction), local reminders, and leased batches for the scheduler.
// (Filled in by the scheduler work.)

export interface NotificationStore {}

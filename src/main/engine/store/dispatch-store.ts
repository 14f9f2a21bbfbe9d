// Targets, rules and the delivery log (outbox fan-out, attempts, dead letters).
// (Filled in by the dispatch work.)

export interface DispatchStore {}

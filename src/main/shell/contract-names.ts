// What notifications and the tray call a contract: its name in the store, the demo network's
// name for its contracts, or a shortened id.

export function shortContractId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

export class ContractNames {
  private names = new Map<string, string>();

  constructor(private readonly fallback: ReadonlyMap<string, string> = new Map()) {}

  /** Replaces the stored names (on start and on the engine's 'contracts-changed'). */
  update(contracts: { id: string; name: string | null }[]): void {
    this.names = new Map(contracts.filter((c) => c.name).map((c) => [c.id, c.name!]));
  }

  name(id: string): string {
    return this.names.get(id) ?? this.fallback.get(id) ?? shortContractId(id);
  }
}

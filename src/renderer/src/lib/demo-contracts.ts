// The demo network's contracts (src/main/engine/stellar/demo, seed 2026), for first run's
// one-click "watch the demo". Written out because the engine derives them with node:crypto;
// tests/unit/renderer/demo-contracts.test.ts fails if they drift apart.
export const DEMO_CONTRACTS = [
  { id: 'CBYDQPRYDVZRR6TMSUDOCYGB3QPZDHNQRFPCWSH7TEQ5ASD2R2Z5EQQI', name: 'AutoShare' },
  { id: 'CDOSDSWUWJNIOWBON3GB3E3RAJXEHO2EC5EVKXZBDCKT4LCEXIILUPR3', name: 'Notifications' },
  { id: 'CCXI4Y6O3UGSYFJ5D3H3QAXMLEKRLKOYQGVD3G6CMWGIICSX7356VJLQ', name: 'TaskBounty' },
] as const;

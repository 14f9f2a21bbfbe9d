// Network presets. Public RPC URLs need internet; the demo network runs inside the process.

export const NETWORK_NAMES = ['demo', 'testnet', 'futurenet', 'mainnet', 'custom'] as const;
export type NetworkName = (typeof NETWORK_NAMES)[number];

export interface NetworkPreset {
  passphrase: string | null;
  rpcUrls: string[];
  explorerTxUrl: string | null;
}

export const DEMO_NETWORK_PASSPHRASE = 'NotifyChain Demo Network ; November 2026';

export const NETWORK_PRESETS: Record<NetworkName, NetworkPreset> = {
  demo: { passphrase: DEMO_NETWORK_PASSPHRASE, rpcUrls: [], explorerTxUrl: null },
  testnet: {
    passphrase: 'Test SDF Network ; September 2015',
    rpcUrls: ['https://soroban-testnet.stellar.org'],
    explorerTxUrl: 'https://stellar.expert/explorer/testnet/tx/',
  },
  futurenet: {
    passphrase: 'Test SDF Future Network ; October 2022',
    rpcUrls: ['https://rpc-futurenet.stellar.org'],
    explorerTxUrl: 'https://stellar.expert/explorer/futurenet/tx/',
  },
  // Mainnet RPC is provider-specific: the user must give --rpc-url.
  mainnet: {
    passphrase: 'Public Global Stellar Network ; September 2015',
    rpcUrls: [],
    explorerTxUrl: 'https://stellar.expert/explorer/public/tx/',
  },
  custom: { passphrase: null, rpcUrls: [], explorerTxUrl: null },
};

import { describeConfigStoreContract } from '../../engine/ops/testing/config-store-contract';

import { createMemoryConfigStore } from './memory-config-store';

describeConfigStoreContract('memory', async () => {
  const store = createMemoryConfigStore();
  return { store, rawSet: async (id, data) => void store.raw.set(id, data) };
});

import { describeJobStoreContract } from '../testing/job-store-contract';

import { createMemoryJobStore } from './memory-job-store';

describeJobStoreContract('memory', async () => ({ store: createMemoryJobStore(), cleanup: async () => undefined }));

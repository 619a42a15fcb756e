import { Firestore } from '@google-cloud/firestore';

import { testProjectId } from '../../../../test/emulator-env';
import { describeConfigStoreContract } from '../../engine/ops/testing/config-store-contract';

import { createFirestoreConfigStore } from './config-store';

const db = new Firestore({ projectId: testProjectId('configstore') });
let n = 0;
afterAll(() => db.terminate());

describeConfigStoreContract('firestore', async () => {
  const collection = `t${++n}_backup_config`;
  return {
    store: createFirestoreConfigStore(db, { collection }),
    rawSet: async (id, data) => {
      await db.collection(collection).doc(id).set(data);
    },
  };
});

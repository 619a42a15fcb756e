import { Firestore } from '@google-cloud/firestore';

import { testProjectId } from '../../../../test/emulator-env';
import { describeJobStoreContract } from '../testing/job-store-contract';

import { createFirestoreJobStore, kindOfJobId } from './firestore-job-store';

const db = new Firestore({ projectId: testProjectId('jobstore') });
let n = 0;
afterAll(() => db.terminate());

describeJobStoreContract('firestore', async () => {
  const prefix = `t${++n}_`;
  return { store: createFirestoreJobStore(db, { backupJobs: `${prefix}backup_jobs`, restoreJobs: `${prefix}restore_jobs` }), cleanup: async () => undefined };
});

it('derives the collection from the job id and refuses others', () => {
  expect(kindOfJobId('restore-20261123-x')).toBe('restore');
  expect(() => kindOfJobId('../etc')).toThrow(/not a job id/);
});

/** Jest setup of the `integration` project: its default time limit, sized for a busy 2-core machine (see timeouts.ts). */
import { TEST_TIMEOUT_MS } from './timeouts';

jest.setTimeout(TEST_TIMEOUT_MS.integration);

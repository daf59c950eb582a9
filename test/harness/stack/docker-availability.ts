/** Whether this machine has a Docker engine, asked once per test file and said aloud when not. */
import { dockerAvailability } from '../../../src/harness/stack/docker-provider.js';

export const docker = await dockerAvailability();
if (!docker.available) console.warn(`docker provider tests: ${docker.reason}`);

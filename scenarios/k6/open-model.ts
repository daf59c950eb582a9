/** k6 entry script for the open-model scenario (run by `referral-bench run --runner k6`). */
import { scenario } from '../open-model.scenario.js';
import { k6Iteration, k6Options } from './lib/k6-script.js';

export const options = k6Options(scenario);
export default k6Iteration(scenario);

/** k6 entry script for the breakpoint scenario, the capacity search (run by `referral-bench run --runner k6 --scenario breakpoint`). */
import { scenario } from '../breakpoint.scenario.js';
import { k6Iteration, k6Options } from './lib/k6-script.js';

export const options = k6Options(scenario);
export default k6Iteration(scenario);

import { defaultConfig } from '../config.js';
import type { ReviewSettings } from '../report/review.js';
import type { ActionInputs } from './inputs.js';
import { loadActionConfig } from './scan.js';

/**
 * What the review comments on: the inputs when given, else the config's `review` section. The config is read
 * again here because the report job of the two-stage flow has no scan; a config that cannot be read leaves the
 * defaults (the scan, if any, already reported why).
 */
export async function reviewSettings(root: string, inputs: ActionInputs, log: (message: string) => void): Promise<ReviewSettings> {
  let review = defaultConfig().review;
  try {
    review = (await loadActionConfig(root, inputs)).config.review;
  } catch (error) {
    log(`review settings: config not usable (${(error as Error).message}); using the defaults`);
  }
  return { minSeverity: inputs.reviewMinSeverity ?? review.minSeverity, maxComments: inputs.reviewMaxComments ?? review.maxComments };
}

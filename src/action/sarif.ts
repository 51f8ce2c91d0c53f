import type { Report } from '../model.js';
import { toSarif } from '../report/sarif.js';
import { fitToGitHubLimits } from '../report/sarif-limits.js';

/** One run per scanner (category shiftguard/<scanner>/), fitted to code scanning's limits, with what was left out. */
export function actionSarif(report: Report, root: string): { json: string; notes: string[]; gzip: Buffer } {
  const fitted = fitToGitHubLimits(toSarif(report, { splitByScanner: true, srcRoot: root }));
  const notes = [...fitted.notes];
  if (!fitted.fits) notes.push('the SARIF is over GitHub\'s upload size even without results; the upload will be refused');
  return { json: fitted.json, notes, gzip: fitted.gzip };
}

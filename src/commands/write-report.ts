import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Report } from '../model.js';
import { FORMATS, type Format } from '../report/formats.js';
import { summaryLine } from '../report/text.js';
import { useColor } from './args.js';
import type { CliIo } from './types.js';

/**
 * Prints the report in `format`, or writes it to `output` (relative to the working directory) without colour;
 * when it goes to a file the terminal still gets the verdict line on stderr.
 */
export async function writeReport(io: CliIo, report: Report, options: { format: Format; output: string | undefined; srcRoot: string }): Promise<void> {
  const { format, output, srcRoot } = options;
  if (output !== undefined) {
    await writeFile(resolve(io.cwd, output), FORMATS[format](report, { color: false, srcRoot }));
    io.stderr.write(`shiftguard: ${summaryLine(report)} (report written to ${output})\n`);
  } else {
    io.stdout.write(FORMATS[format](report, { color: useColor(io.stdout, io.env), srcRoot }));
  }
}

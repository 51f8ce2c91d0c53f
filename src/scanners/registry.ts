import type { Scanner, ScannerId } from '../model.js';
import { secretsScanner } from './secrets/index.js';
import { scaScanner } from './sca/index.js';
import { manifestsScanner } from './manifests/index.js';

export const SCANNERS: Record<ScannerId, Scanner> = {
  secrets: secretsScanner,
  sca: scaScanner,
  manifests: manifestsScanner,
};

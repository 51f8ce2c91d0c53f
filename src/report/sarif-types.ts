// The subset of SARIF 2.1.0 that shiftguard writes, typed narrowly so the compiler checks what we emit.
// Names follow the spec (OASIS SARIF 2.1.0, section 3); only the properties we set are declared.

import type { Finding, Severity } from '../model.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifRegion {
  startLine: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: SarifArtifactLocation;
    region?: SarifRegion;
  };
}

export type SarifPrecision = 'very-high' | 'high' | 'medium' | 'low';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: {
    tags: string[];
    /** GitHub reads this string as a 0-10 score: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, < 4 low. */
    'security-severity': string;
    precision: SarifPrecision;
    /** shiftguard's own severity of the rule, before any per-finding override. */
    severity: Severity;
    scanner: string;
  };
}

export interface SarifSuppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification: string;
}

/** Finding data a SARIF consumer may want beyond the message; for secrets only the redacted `preview`. */
export type FindingExtras = Pick<
  Finding,
  'resource' | 'preview' | 'package' | 'version' | 'ecosystem' | 'fixedVersions' | 'aliases'
>;

export interface SarifResultProperties extends FindingExtras {
  scanner: string;
  severity: Severity;
  new: boolean;
  inDiff: boolean;
  tags: string[];
}

/** A replacement of whole lines (SARIF 3.55): a line-only deletedRegion spans those lines' text, not the last newline. */
export interface SarifFix {
  description: SarifMessage;
  artifactChanges: {
    artifactLocation: SarifArtifactLocation;
    replacements: { deletedRegion: { startLine: number; endLine: number }; insertedContent: { text: string } }[];
  }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  fixes?: SarifFix[];
  properties: SarifResultProperties;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: SarifNotification[];
  /** Problems with how shiftguard was told to run (expired exceptions, malformed ignore comments). */
  toolConfigurationNotifications?: SarifNotification[];
}

export interface SarifDriver {
  name: string;
  version: string;
  semanticVersion?: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  automationDetails?: { id: string };
  originalUriBaseIds?: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  invocations: SarifInvocation[];
  results: SarifResult[];
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: SarifRun[];
}

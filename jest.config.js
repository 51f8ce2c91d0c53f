// Two projects: `unit` is self-contained (a fresh clone passes it), `corpora` reads ../shared/corpora
// and prints agreement figures; it fails loudly when that folder is missing.
const transform = {
  '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
};
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'], testPathIgnorePatterns: ['/corpora/'] },
    { ...common, displayName: 'corpora', testMatch: ['<rootDir>/__tests__/corpora/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};

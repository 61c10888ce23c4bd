/** Jest runs the TypeScript tests through ts-jest; workflow tests load the built dist/ bundle. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }] },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/dev/jest-summary.js'],
};

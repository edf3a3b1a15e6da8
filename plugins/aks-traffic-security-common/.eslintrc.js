module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The property tests assert through fast-check and helpers named expect*.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*', 'fc.assert'] },
    ],
  },
});

// ESLint (flat config) for the web app (webapp/js, plain ES modules served as they are) and the
// browser tests (e2e/*.mjs, Node). JSDoc comments are checked by eslint-plugin-jsdoc's recommended
// rules. `npm run lint` in e2e/ (README "Web app") runs it from the repository root with
// `-c e2e/eslint.config.js`, so every pattern here is relative to the root; .ci/run fails on any error.
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import globals from 'globals';

export default [
  { ignores: ['webapp/vendor/**', '**/node_modules/**', 'target/**', 'src/**'] },
  js.configs.recommended,
  jsdoc.configs['flat/recommended'],
  // Exported functions and classes need a doc comment; a module's private helpers need one only
  // when they have one (then its params and returns are checked like any other).
  { rules: { 'jsdoc/require-jsdoc': ['warn', { publicOnly: true }] } },
  {
    files: ['webapp/js/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    // The CSP (script-src 'self', no 'unsafe-eval') would refuse these at run time: refuse them here first.
    rules: { 'no-eval': 'error', 'no-implied-eval': 'error', 'no-new-func': 'error' },
  },
  {
    // Node scripts whose page.evaluate() callbacks run in the browser: both sets of globals.
    files: ['e2e/**/*.mjs', 'e2e/eslint.config.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
];

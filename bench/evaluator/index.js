/*
 * Runs the evaluator benchmark on the TypeScript sources, through the
 * Backstage CLI's Node transform. Arguments: see runBenchmark.ts.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./runBenchmark.ts');

/*
 * Runs the fleet benchmark on the TypeScript sources, through the Backstage
 * CLI's Node transform. Arguments: see runFleetBenchmark.ts.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./runFleetBenchmark.ts');

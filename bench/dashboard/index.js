/*
 * Runs the fleet dashboard benchmark on the TypeScript sources, through the
 * Backstage CLI's Node transform. Arguments: see runDashboardBenchmark.ts.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./runDashboardBenchmark.ts');

/* Child process of the fleet benchmark, on the TypeScript sources. */
require('@backstage/cli/config/nodeTransform.cjs');
require('./backendProcess.ts');

import fs from 'fs';
import { ArmEmulator, EmulatorOptions } from './ArmEmulator';
import { generateArmFleet } from './generateArmFleet';
import { FleetOptions } from '../evaluator/generateFleet';

/**
 * The emulator's child process: generates the fleet, serves it, writes the
 * catalog entities to a file and handles `stats`, `reset` and `stop`
 * messages from the benchmark over IPC.
 */
async function main() {
  const options = JSON.parse(process.env.FLEET_EMULATOR_OPTIONS!) as {
    fleet: FleetOptions;
    emulator: Omit<EmulatorOptions, 'tls'>;
    keyFile: string;
    certFile: string;
    entitiesFile: string;
  };

  const startedAt = Date.now();
  const fleet = generateArmFleet(options.fleet);
  const generationMs = Date.now() - startedAt;
  fs.writeFileSync(options.entitiesFile, JSON.stringify(fleet.entities));

  const emulator = new ArmEmulator(fleet, {
    ...options.emulator,
    tls: {
      key: fs.readFileSync(options.keyFile, 'utf8'),
      cert: fs.readFileSync(options.certFile, 'utf8'),
    },
  });
  const origin = await emulator.start();

  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') {
      process.send!({ type: 'stats', stats: emulator.stats() });
    } else if (message.type === 'reset') {
      emulator.resetStats();
      process.send!({ type: 'reset' });
    } else if (message.type === 'stop') {
      await emulator.stop();
      process.exit(0);
    }
  });
  process.send!({
    type: 'ready',
    origin,
    generationMs,
    armResources: fleet.resources.size,
    ruleCollectionGroupLists: fleet.ruleCollectionGroups.size,
    ruleCollectionGroups: [...fleet.ruleCollectionGroups.values()].flat()
      .length,
    resourceGraphRows: fleet.resourceGraphRows.length,
    resourceCounts: fleet.resourceCounts,
  });
}

main().catch(error => {
  process.stderr.write(`The ARM emulator failed: ${error.stack ?? error}\n`);
  process.exit(1);
});

import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { ANNOTATIONS } from '@aks-traffic-security/plugin-aks-traffic-security-common';

const DEMO_ENTITIES_FILE = path.resolve(
  __dirname,
  '../../../../examples/entities.yaml',
);

/** Returns the demo catalog's components that name a cluster and a gateway. */
export function demoComponents(): Entity[] {
  return parseAllDocuments(fs.readFileSync(DEMO_ENTITIES_FILE, 'utf8'))
    .map(document => document.toJS() as Entity)
    .filter(
      entity =>
        entity?.kind === 'Component' &&
        entity.metadata.annotations?.[ANNOTATIONS.clusterId] !== undefined,
    );
}

/** Returns one demo component by name. */
export function demoComponent(name: string): Entity {
  const entity = demoComponents().find(
    candidate => candidate.metadata.name === name,
  );
  if (!entity) {
    throw new Error(`The demo catalog has no component named '${name}'`);
  }
  return entity;
}

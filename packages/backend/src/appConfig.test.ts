import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

/** The repository root, which contains the app config files. */
const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');

/**
 * The backend's working directory. `yarn start` and scripts/e2e.sh run the
 * backend in packages/backend, and Backstage resolves relative `file` catalog
 * locations against the working directory.
 */
const BACKEND_DIRECTORY = path.resolve(__dirname, '..');

interface CatalogLocation {
  type: string;
  target: string;
  rules?: Array<{ allow: string[] }>;
}

function readCatalogLocations(configFile: string): CatalogLocation[] {
  const config = parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, configFile), 'utf8'),
  );
  return config.catalog.locations;
}

describe.each(['app-config.yaml', 'app-config.production.yaml'])(
  '%s',
  configFile => {
    const fileLocations = readCatalogLocations(configFile).filter(
      location => location.type === 'file',
    );

    it('lists file catalog locations', () => {
      expect(fileLocations.length).toBeGreaterThan(0);
    });

    // A glob target matches files created later, such as the repositories
    // that local publishing adds, so only a plain target must exist now.
    const plainTargets = fileLocations
      .map(location => location.target)
      .filter(target => !target.includes('*'));

    it.each(plainTargets)(
      'finds the catalog file %s from packages/backend',
      target => {
        expect(fs.existsSync(path.resolve(BACKEND_DIRECTORY, target))).toBe(
          true,
        );
      },
    );

    it.each(fileLocations.map(location => location.target))(
      'resolves %s inside the repository',
      target => {
        const resolved = path.resolve(BACKEND_DIRECTORY, target);

        expect(path.relative(REPOSITORY_ROOT, resolved)).not.toMatch(
          /^\.\.($|\/)/,
        );
      },
    );

    it('lists the service template', () => {
      const template = fileLocations.find(
        location =>
          path.resolve(BACKEND_DIRECTORY, location.target) ===
          path.join(REPOSITORY_ROOT, 'templates/aks-service/template.yaml'),
      );

      expect(template).toBeDefined();
      expect(template?.rules).toContainEqual({ allow: ['Template'] });
    });
  },
);

import appPackage from '../../package.json';

/** A module as the app's feature discovery lists it. */
export interface DiscoveredModule {
  name: string;
  export?: string;
  default: unknown;
}

const FRONTEND_ROLES = ['frontend-plugin', 'frontend-plugin-module'];

/**
 * Lists the modules that `app.packages: all` discovers in this app. The
 * Backstage CLI bundler finds them at build time and stores them in
 * `window['__@backstage/discovered__']`, but jest does not run the bundler.
 * This function therefore repeats the bundler's rule: every dependency with
 * a frontend plugin or module role contributes its main entry point, and its
 * `./alpha` entry point when it has one.
 */
export async function discoverFeatures(): Promise<DiscoveredModule[]> {
  const modules: DiscoveredModule[] = [];

  for (const name of Object.keys(appPackage.dependencies)) {
    const dependency = (await import(`${name}/package.json`)).default;
    if (!FRONTEND_ROLES.includes(dependency.backstage?.role ?? '')) {
      continue;
    }

    modules.push({ name, default: (await import(name)).default });
    if (dependency.exports && './alpha' in dependency.exports) {
      modules.push({
        name,
        export: './alpha',
        default: (await import(`${name}/alpha`)).default,
      });
    }
  }

  return modules;
}

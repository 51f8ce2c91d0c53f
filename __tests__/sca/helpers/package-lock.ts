// A small package-lock.json v3 we write ourselves, and the line of each package's entry in it.

/** `versions` maps install places under node_modules (`qs`, or `express/node_modules/qs` for a nested copy) to versions. */
export function packageLock(versions: Record<string, string>): string {
  const topLevel = Object.keys(versions).filter((n) => !n.includes('/node_modules/'));
  const packages: Record<string, unknown> = {
    '': { name: 'demo-app', version: '1.0.0', dependencies: Object.fromEntries(topLevel.map((n) => [n, '*'])) },
  };
  for (const [place, version] of Object.entries(versions)) {
    const name = place.slice(place.lastIndexOf('/node_modules/') + 1).replace(/^node_modules\//, '');
    packages[`node_modules/${place}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${version}.tgz`,
      license: 'MIT',
    };
  }
  return `${JSON.stringify({ name: 'demo-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export function lineOf(lockfile: string, name: string): number {
  return lockfile.split('\n').findIndex((l) => l.includes(`"node_modules/${name}": {`)) + 1;
}

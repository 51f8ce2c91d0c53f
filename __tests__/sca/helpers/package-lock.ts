// A small package-lock.json v3 we write ourselves, and the line of each package's entry in it.

export function packageLock(versions: Record<string, string>): string {
  const packages: Record<string, unknown> = {
    '': { name: 'demo-app', version: '1.0.0', dependencies: Object.fromEntries(Object.keys(versions).map((n) => [n, '*'])) },
  };
  for (const [name, version] of Object.entries(versions)) {
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
      license: 'MIT',
    };
  }
  return `${JSON.stringify({ name: 'demo-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export function lineOf(lockfile: string, name: string): number {
  return lockfile.split('\n').findIndex((l) => l.includes(`"node_modules/${name}": {`)) + 1;
}

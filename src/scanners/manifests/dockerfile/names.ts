// Which files are Dockerfiles: Dockerfile, Containerfile, Dockerfile.<variant>, <name>.Dockerfile.

export function isDockerfilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return (
    base === 'dockerfile' ||
    base === 'containerfile' ||
    base.startsWith('dockerfile.') ||
    base.startsWith('containerfile.') ||
    base.endsWith('.dockerfile') ||
    base.endsWith('.containerfile')
  );
}

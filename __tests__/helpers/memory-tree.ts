import type { FileTree } from '../../src/model.js';

/** An in-memory FileTree for unit tests: repository-relative path -> text. */
export function memoryTree(files: Record<string, string>): FileTree {
  const encoder = new TextEncoder();
  return {
    read: async (path) => (Object.hasOwn(files, path) ? encoder.encode(files[path]) : null),
    list: async (dir) => Object.keys(files).filter((p) => dir === '' || p.startsWith(`${dir}/`)).sort(),
  };
}

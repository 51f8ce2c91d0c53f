import type { FileTree } from '../../src/model.js';

/** A FileTree over an in-memory map of repository-relative paths to text. */
export function memoryTree(files: Record<string, string>): FileTree {
  return {
    read: async (path) => (path in files ? new TextEncoder().encode(files[path]) : null),
    list: async (dir) => Object.keys(files).filter((p) => !dir || p.startsWith(`${dir}/`)).sort(),
  };
}

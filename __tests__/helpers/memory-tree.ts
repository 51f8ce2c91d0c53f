import type { FileTree } from '../../src/model.js';

/** An in-memory FileTree for unit tests: repository-relative path -> text (or bytes). */
export function memoryTree(files: Record<string, string | Uint8Array>): FileTree {
  const encoder = new TextEncoder();
  return {
    read: async (path) => {
      if (!Object.hasOwn(files, path)) return null;
      const content = files[path]!;
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
    list: async (dir) => Object.keys(files).filter((p) => !dir || p.startsWith(`${dir}/`)).sort(),
  };
}

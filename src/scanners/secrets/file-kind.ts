/** Decides, cheaply and before any rule runs, whether and how a file is scanned. */

const BINARY_EXTENSIONS = new Set(
  ('png jpg jpeg gif bmp ico icns tif tiff webp avif heic psd svgz eot ttf otf woff woff2 pdf doc docx xls xlsx ppt pptx ' +
    'zip gz tgz bz2 xz zst 7z rar tar jar war ear class dll so dylib exe bin o a lib obj pyc pyo wasm node ' +
    'mp3 mp4 m4a wav ogg flac avi mov mkv webm db sqlite sqlite3 dat pack idx ' +
    // Met in real repositories as test data and assets: wheels and eggs, bun's binary lockfile, design files,
    // 3D and ML models, data arrays, packages and installers, more media. A NUL byte in a file the scanner
    // accepts makes the scan incomplete (exit 2), so binary formats are left out by name.
    'whl egg lockb fig pxm sketch xcf blend glb fbx parquet pkl pickle npy npz h5 hdf5 onnx pt pth tflite ' +
    'apk aab ipa dmg iso deb rpm msi nupkg gem heif jxl aac opus m4v wmv flv swf ttc mo').split(' '),
);

const LOCKFILES =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|deno\.lock|go\.sum|go\.work\.sum|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|Gemfile\.lock|composer\.lock|packages\.lock\.json|gradle\.lockfile|mix\.lock|pubspec\.lock|Podfile\.lock|flake\.lock|\.terraform\.lock\.hcl)$/;

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function hasBinaryExtension(path: string): boolean {
  return BINARY_EXTENSIONS.has(extension(path));
}

export function isLockfile(path: string): boolean {
  return LOCKFILES.test(path);
}

// A path segment or file name that says the content is illustrative: examples, fixtures, mocks, fakes.
const EXAMPLE_PATH = /(?:^|[/._-])(?:examples?|samples?|fixtures?|mocks?|dummy|fakes?|testdata|__fixtures__|__mocks__)(?:[/._-]|$)/i;

export function isExamplePath(path: string): boolean {
  return EXAMPLE_PATH.test(path);
}

export type SkipReason = 'binary' | 'minified';

/** Why a file is not scanned at all, or null when it is. */
export function skipReason(path: string, content: string): SkipReason | null {
  if (hasBinaryExtension(path)) return 'binary';
  // Text decoders keep NULs and produce U+FFFD for invalid UTF-8: either one in the head means binary.
  const head = content.slice(0, 8192);
  if (head.includes('\0')) return 'binary';
  let replacement = 0;
  for (let i = head.indexOf('\uFFFD'); i >= 0 && replacement < 9; i = head.indexOf('\uFFFD', i + 1)) replacement++;
  if (replacement > 8) return 'binary';
  if (isMinifiedBundle(path, content)) return 'minified';
  return null;
}

const SCRIPT_OR_STYLE = new Set(['js', 'mjs', 'cjs', 'css', 'map']);

/** Generated bundles: named .min.*, source maps, or script/style files made of a few very long lines. */
export function isMinifiedBundle(path: string, content: string): boolean {
  if (/\.min\.(?:js|mjs|cjs|css)$/i.test(path) || /\.(?:js|css)\.map$/i.test(path)) return true;
  if (!SCRIPT_OR_STYLE.has(extension(path)) || content.length < 4096) return false;
  let lines = 1;
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) lines++;
  return content.length / lines > 500;
}

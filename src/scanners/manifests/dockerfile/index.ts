// Dockerfile checks for the manifests scanner.
export { dockerfileRules, scanDockerfiles, compileDockerfileRules, type DockerfileScanOptions } from './scan.js';
export { isDockerfilePath } from './names.js';

import { z } from 'zod';
import { CONTAINER_GROUPS } from '../podspec.js';
import type { Template, Violation } from '../engine/types.js';

// Container image references: `name[:tag][@digest]`, the tag being after the last ':' that follows
// the last '/' (a registry port such as localhost:5000/app is not a tag).

export interface ImageRef {
  tag: string | null;
  digest: string | null;
}

export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : null;
  return { tag, digest };
}

const params = z.strictObject({
  /** fixed-tag: a tag other than latest (or a digest); digest: pinned by digest; pull-always: mutable tags pulled with Always. */
  require: z.enum(['fixed-tag', 'digest', 'pull-always']),
  containers: z.array(z.enum(CONTAINER_GROUPS)).min(1).default(['containers', 'initContainers']),
});
type Params = z.infer<typeof params>;

export const imageReference: Template<Params> = {
  id: 'image-reference',
  description: 'Checks how container images are referenced: fixed tags, digests, pull policy.',
  params,
  run(ctx, p) {
    const out: Violation[] = [];
    for (const pod of ctx.podSpecs) {
      for (const c of pod.containers) {
        if (!p.containers.includes(c.group)) continue;
        const image = c.value.image;
        const at = [...c.path, 'image'];
        if (typeof image !== 'string') {
          out.push({ path: at, container: c.name, message: `Container "${c.name}" has no image; set an image with a fixed tag or digest.` });
          continue;
        }
        if (image.trim() === '') continue;
        const ref = parseImage(image);
        if (p.require === 'fixed-tag' && !ref.digest && (!ref.tag || ref.tag === 'latest')) {
          out.push({ path: at, container: c.name, message: `Container "${c.name}" uses image "${image}" without a fixed tag; pin a version tag or a digest.` });
        }
        if (p.require === 'digest' && !ref.digest) {
          out.push({ path: at, container: c.name, message: `Container "${c.name}" image "${image}" is not pinned by digest; use image@sha256:...` });
        }
        if (p.require === 'pull-always' && !ref.digest) {
          const policy = c.value.imagePullPolicy;
          const mutable = !ref.tag || ref.tag === 'latest';
          // Without a policy, Kubernetes pulls `latest`/untagged images Always and others IfNotPresent.
          if (policy === undefined ? !mutable : policy !== 'Always') {
            out.push({
              path: policy === undefined ? c.path : [...c.path, 'imagePullPolicy'],
              container: c.name,
              message: `Container "${c.name}" may run a stale cached image "${image}"; set imagePullPolicy: Always or pin a digest.`,
              ...(policy !== undefined ? { fixValue: 'Always' } : {}),
            });
          }
        }
      }
    }
    return out;
  },
};

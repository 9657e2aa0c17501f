// Validates Kubernetes objects (a JSON array on stdin) against the Kubernetes
// and KEDA JSON schemas of kubernetes-models, printing one line per object:
// "<apiVersion>/<kind> <name>: ok", or the schema's complaint. A child process
// because those packages are ES modules only, which jest's CommonJS tests
// cannot import.
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';

const MODELS = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Namespace': Namespace,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
for (const object of JSON.parse(input)) {
  const kind = `${object.apiVersion}/${object.kind}`;
  // kustomize wraps long base64 Secret values at 70 columns; the API server's
  // base64 decoding skips line breaks, the schema's "byte" pattern does not.
  if (kind === 'v1/Secret' && object.data) {
    for (const name of Object.keys(object.data)) object.data[name] = object.data[name].replace(/\n/g, '');
  }
  const Model = MODELS[kind];
  let verdict = 'ok';
  if (!Model) verdict = 'no schema for this kind';
  else {
    try {
      new Model(object).validate();
    } catch (error) {
      verdict = String(error.message).replace(/\s+/g, ' ');
    }
  }
  console.log(`${kind} ${object.metadata?.name}: ${verdict}`);
}

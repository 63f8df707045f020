// Helper, not a control: builds the example NodeComponent resources in the metadata of the node file controls (templates/node-file-rule.ts users) and their tests.
import { NODE_API_VERSION, NODE_COMPONENT_KIND, type NodeFile } from '../../model/node.js';

/** A NodeComponent resource as the node source produces it, holding these files. */
export function nodeComponent(component: string, files: NodeFile[]): string {
  return `apiVersion: ${NODE_API_VERSION}
kind: ${NODE_COMPONENT_KIND}
metadata: {name: cp1-${component}}
spec:
  node: cp1
  component: ${component}
  command: [${component}]
  files:
${files.map((f) => `  - ${JSON.stringify(f)}`).join('\n')}
`;
}

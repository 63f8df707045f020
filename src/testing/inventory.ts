// Builds an Inventory from YAML text through the real files source, for unit tests.
import assert from 'node:assert/strict';
import { Inventory } from '../inventory/index.js';
import type { Resource } from '../model/types.js';
import { readText } from '../sources/files/index.js';
import type { DocumentSink } from '../sources/files/to-resources.js';
import { LineIndex } from '../sources/files/yaml-documents.js';

export function inventoryFromYaml(yaml: string): Inventory {
  return new Inventory(resourcesFromYaml(yaml));
}

/** The resources of YAML text, as the files source reads them. */
export function resourcesFromYaml(yaml: string): Resource[] {
  const sink: DocumentSink = { resources: [], ignored: [], errors: [], documents: 0 };
  readText(yaml, [], { file: 'case.yaml', type: 'file', lines: new LineIndex(yaml) }, sink);
  assert.deepEqual(sink.errors, [], 'the YAML must parse cleanly');
  return sink.resources;
}

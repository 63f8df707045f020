// JSON Schema of wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport, written from the
// openAPIV3Schema of the upstream CRDs (kubernetes-sigs/wg-policy-prototypes, policy-report
// v1alpha2; both kinds share it), for tests. Two things are stricter than the API server, on
// purpose: unknown fields are errors here (the API server would prune them silently, which hides a
// misspelt field), and metadata is checked the way the API server checks any object's (a name is a
// DNS-1123 subdomain, a namespace a DNS-1123 label, label keys and values as Kubernetes allows).
import assert from 'node:assert/strict';
import { Ajv, type ErrorObject } from 'ajv';

const objectReference = {
  description: 'ObjectReference contains enough information to let you inspect or modify the referred object.',
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    fieldPath: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    resourceVersion: { type: 'string' },
    uid: { type: 'string' },
  },
};

const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { type: 'string' },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const LABEL_KEY = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

export const POLICY_REPORT_SCHEMA = {
  $id: 'wgpolicyk8s.io/v1alpha2/PolicyReport',
  description: 'PolicyReport (and ClusterPolicyReport) is the Schema for the policyreports API',
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { const: 'wgpolicyk8s.io/v1alpha2' },
    kind: { enum: ['PolicyReport', 'ClusterPolicyReport'] },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 253, pattern: DNS_SUBDOMAIN },
        namespace: { type: 'string', maxLength: 63, pattern: DNS_LABEL },
        labels: { type: 'object', propertyNames: { pattern: LABEL_KEY, maxLength: 317 }, additionalProperties: { type: 'string', maxLength: 63, pattern: LABEL_VALUE } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    results: {
      description: 'PolicyReportResult provides result details',
      type: 'array',
      items: {
        description: 'PolicyReportResult provides the result for an individual policy',
        type: 'object',
        additionalProperties: false,
        required: ['policy'],
        properties: {
          category: { description: 'Category indicates policy category', type: 'string' },
          message: { description: 'Description is a short user friendly message for the policy rule', type: 'string' },
          policy: { description: 'Policy is the name or identifier of the policy', type: 'string' },
          properties: {
            description: 'Properties provides additional information for the policy rule',
            type: 'object',
            additionalProperties: { type: 'string' },
          },
          resourceSelector: labelSelector,
          resources: {
            description: 'Subjects is an optional reference to the checked Kubernetes resources',
            type: 'array',
            items: objectReference,
          },
          result: {
            description: 'Result indicates the outcome of the policy rule execution',
            type: 'string',
            enum: ['pass', 'fail', 'warn', 'error', 'skip'],
          },
          rule: { description: 'Rule is the name or identifier of the rule within the policy', type: 'string' },
          scored: { description: 'Scored indicates if this result is scored', type: 'boolean' },
          severity: {
            description: 'Severity indicates policy check result criticality',
            type: 'string',
            enum: ['critical', 'high', 'low', 'medium', 'info'],
          },
          source: { description: 'Source is an identifier for the policy engine that manages this report', type: 'string' },
          timestamp: {
            description: 'Timestamp indicates the time the result was found',
            type: 'object',
            additionalProperties: false,
            required: ['nanos', 'seconds'],
            properties: {
              nanos: { type: 'integer', format: 'int32', minimum: 0, maximum: 999999999 },
              seconds: { type: 'integer', format: 'int64' },
            },
          },
        },
      },
    },
    scope: objectReference,
    scopeSelector: labelSelector,
    summary: {
      description: 'PolicyReportSummary provides a summary of results',
      type: 'object',
      additionalProperties: false,
      properties: {
        error: { type: 'integer' },
        fail: { type: 'integer' },
        pass: { type: 'integer' },
        skip: { type: 'integer' },
        warn: { type: 'integer' },
      },
    },
  },
  // the kind decides whether there is a namespace
  if: { properties: { kind: { const: 'PolicyReport' } } },
  then: { properties: { metadata: { type: 'object', required: ['name', 'namespace'] } } },
  else: { properties: { metadata: { type: 'object', not: { required: ['namespace'] } } } },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
const validate = ajv.compile(POLICY_REPORT_SCHEMA);

/** The schema errors of one document, as text (empty when it is valid). */
export function policyReportErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export function assertValidPolicyReport(doc: unknown, what: string): void {
  assert.deepEqual(policyReportErrors(doc), [], what);
}

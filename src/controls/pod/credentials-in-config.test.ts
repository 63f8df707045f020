import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './credentials-in-config.js';

// Fake credentials, shaped like the real thing so that the value patterns match them.
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYWxpc2FkZSJ9.c2lnbmF0dXJlLW5vdC1yZWFs';
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const SLACK = 'xoxb-123456789012-abcdefghij';
const PASSWORD = 'hunter2-but-longer';
const PEM = '-----BEGIN RSA PRIVATE KEY-----';

testControl(control, {
  valid: [
    {
      name: 'switches and settings about credentials are not credentials (Grafana and MySQL images in the corpus)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: grafana
    image: grafana/grafana:11.1.0
    env:
    - {name: GF_AUTH_ANONYMOUS_ENABLED, value: "true"}
    - {name: GF_AUTH_BASIC_ENABLED, value: "false"}
    - {name: GF_AUTH_ANONYMOUS_ORG_ROLE, value: Admin}
    - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}
    - {name: OAUTH_CLIENT_ID, value: shop-frontend}
    - {name: AUTH_URL, value: "https://login.example.com/authorize"}
    - {name: PASSWORD_MIN_LENGTH, value: "12"}
`,
    },
    {
      name: 'secret references, file paths, _FILE/_PATH names, empty values and $(VAR) references',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    envFrom:
    - secretRef: {name: app-secrets}
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    - {name: LOG_LEVEL, value: debug}
    - {name: API_TOKEN, value: ""}
    - {name: DB_PASSWORD_FILE, value: /run/secrets/db-password}
    - {name: GITHUB_TOKEN_PATH, value: tokens/github}
    - {name: tls-private-key-file, value: tls.key}
    - {name: AUTH_TOKEN, value: /var/run/secrets/tokens/auth}
    - {name: SECRET_KEY, value: ./secrets/key.pem}
    - {name: PGPASSWORD, value: "$(DB_PASSWORD)"}
    - {name: CREDENTIALS, value: "$(USER_NAME)$(DB_PASSWORD)"}
  initContainers:
  - name: init
    image: busybox:1.36
    env:
    - {name: MODE, value: migrate}
`,
    },
    {
      name: 'a ConfigMap without credentials',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  log_level: debug
  token_path: /etc/app/token
  nginx.conf: |
    server { listen 8080; }
`,
    },
    {
      name: 'the name list is configurable',
      inputs: { sensitiveKeyNames: ['password'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AUTH_MODE, value: oidc}
`,
    },
  ],
  invalid: [
    {
      name: 'a setting-like name still fails when its value looks like a credential; a real admin password fails',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: grafana
    image: grafana/grafana:11.1.0
    env:
    - {name: AWS_ACCESS_KEY_ID, value: ${AWS_KEY}}
    - {name: GF_SECURITY_ADMIN_PASSWORD, value: admin}
`,
      paths: ['spec.containers[0].env[0].value', 'spec.containers[0].env[1].value'],
      messages: [/"AWS_ACCESS_KEY_ID".*its value looks like an AWS access key id/, /"GF_SECURITY_ADMIN_PASSWORD".*its name contains "password"/],
    },
    {
      name: 'sensitive names with literal values, in every kind of container',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - name: LOG_LEVEL
      value: debug
    - name: DB_PASSWORD
      value: ${PASSWORD} # fails
  initContainers:
  - name: init
    image: busybox:1.36
    env:
    - {name: X-Api-Key, value: k-7f3a9c2e1b} # fails
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    env:
    - {name: slackToken, value: s3cr3t-value-1} # fails
`,
      paths: [
        'spec.containers[0].env[1].value',
        'spec.initContainers[0].env[0].value',
        'spec.ephemeralContainers[0].env[0].value',
      ],
      messages: [
        /^container "a" sets env var "DB_PASSWORD" to a literal value that looks like a credential: its name contains "password"$/,
        /init container "init" sets env var "X-Api-Key" .*its name contains "api_key"/,
        /ephemeral container "debug" sets env var "slackToken" .*its name contains "token"/,
      ],
    },
    {
      name: 'values that look like credentials under harmless names',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AWS_ACCESS, value: ${AWS_KEY}} # fails
    - {name: SESSION, value: ${JWT}} # fails
    - {name: GH, value: ${GITHUB}} # fails
    - {name: SLACK_HOOK, value: ${SLACK}} # fails
`,
      paths: [
        'spec.containers[0].env[0].value',
        'spec.containers[0].env[1].value',
        'spec.containers[0].env[2].value',
        'spec.containers[0].env[3].value',
      ],
      messages: [
        /"AWS_ACCESS" .*its value looks like an AWS access key id$/,
        /"SESSION" .*its value looks like a JSON Web Token$/,
        /"GH" .*its value looks like a GitHub token$/,
        /"SLACK_HOOK" .*its value looks like a Slack token$/,
      ],
    },
    {
      name: 'a name and a value rule together are one path naming both',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AWS_SECRET_ACCESS_KEY, value: ${AWS_KEY}}
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/its name contains "secret" and its value looks like an AWS access key id/],
    },
    {
      name: 'a path-like value with whitespace is not a file path',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: ADMIN_PASSWD, value: "/not a path"}
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/contains "passwd"/],
    },
    {
      name: 'ConfigMap keys and values by the same rules',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  log_level: debug
  db.password: ${PASSWORD} # fails
  db.password_file: /etc/db/password
  signing.pem: | # fails
    ${PEM}
    MIIEpAIBAAKCAQEA
    -----END RSA PRIVATE KEY-----
  empty-token: ""
`,
      paths: ['data["db.password"]', 'data["signing.pem"]'],
      messages: [/^ConfigMap key "db\.password" looks like a credential: its name contains "password"$/, /"signing\.pem" .*looks like a private key/],
    },
    {
      name: 'configured value patterns are named by their position',
      inputs: { sensitiveValuePatterns: ['^corp-[0-9]{6}$'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: LICENSE, value: corp-123456}
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/its value looks like a credential \(value pattern #1 of sensitiveValuePatterns\)/],
    },
  ],
});

describe('credentials-in-config never reveals a value', () => {
  const secrets = [PASSWORD, AWS_KEY, JWT, GITHUB, SLACK, PEM, 'k-7f3a9c2e1b', 'MIIEpAIBAAKCAQEA'];
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: DB_PASSWORD, value: ${PASSWORD}}
    - {name: AWS_ACCESS, value: ${AWS_KEY}}
    - {name: API_TOKEN, value: ${JWT}}
    - {name: GH, value: ${GITHUB}}
    - {name: SLACK, value: ${SLACK}}
    - {name: X_API_KEY, value: k-7f3a9c2e1b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  private_key: |
    ${PEM}
    MIIEpAIBAAKCAQEA
`;

  it('in no finding message, path message or fix', () => {
    const r = runControl(control, yaml);
    assert.equal(r.failed, 2);
    assert.equal(r.findings.flatMap((f) => f.paths).length, 7);
    const text = JSON.stringify(r.findings);
    for (const f of r.findings) {
      for (const message of [f.message, ...f.paths.map((p) => p.message)]) {
        for (const s of secrets) assert.ok(!message.includes(s), `"${message}" does not contain the value`);
      }
    }
    for (const s of secrets) assert.ok(!text.includes(s), 'no finding field contains the value');
  });

  it('suggests moving the value into a Secret', () => {
    const r = runControl(control, yaml);
    for (const f of r.findings) {
      assert.equal(f.fix?.description, 'move it into a Secret and reference it with valueFrom.secretKeyRef');
    }
  });
});

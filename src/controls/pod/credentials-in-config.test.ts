import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runControl, testControl } from '../../testing/control-tester.js';
import control from './credentials-in-config.js';

// Fake credentials, shaped like the real thing so that the value rules match them, assembled from
// pieces so that none sits whole in the source.
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const AWS_ID = 'AKIA' + 'Q3EGRTZ7XK2MPL4N';
const AWS_SECRET = 'h4Xq' + 'K9vLm2P/nR8sT+wY6zB3cD5eF7gJ1kA0oU9i';
const JWT = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'palisade' })}.c2lnbmF0dXJlLW5vdC1yZWFs`;
const GITHUB = 'ghp_' + 'a1B2c3D4e5'.repeat(3) + 'F6g7H8';
const SLACK = 'xoxb-' + '123456789012-abcdefghij';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const OPENAI = 'sk-' + 'Ab3dEf6hIj9lMn2pQr5t' + 'T3BlbkFJ' + 'Uv8xYz1bCd4fGh7jKl0n';
const AZURE_KEY = 'Xk3jH8qL0vN5mB2wR7tY9uI4oP6aS1dFG3hJ5kL7zX9cV2bN4mQ8wE0rT6yU1iO3pA5sD7fG9hJ2kL4zX6cV8bN0mQ1w==';
const PASSWORD = 'hunter2-but-longer';
const PEM_BODY = 'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\n`;
const GCP = JSON.stringify({ type: 'service_account', project_id: 'shop', private_key: PEM, client_email: 'a@shop.iam.gserviceaccount.com' });

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
    - {name: ARGOCD_REDIS_KEY_PREFIX, value: argocd}
    - {name: KEY_VAULT_NAME, value: shop-vault}
    - {name: KEYCLOAK_URL, value: "https://sso.example.com"}
    - {name: AUTHOR, value: "Jane Doe"}
    - {name: TOKEN_TTL, value: 24h}
`,
    },
    {
      name: 'secret references, file paths, _FILE/_PATH/_DIR names, empty values, $(VAR) references and placeholders',
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
    - {name: SECRETS_DIR, value: secrets}
    - {name: tls-private-key-file, value: tls.key}
    - {name: AUTH_TOKEN, value: /var/run/secrets/tokens/auth}
    - {name: SECRET_KEY, value: ./secrets/key.pem}
    - {name: PGPASSWORD, value: "$(DB_PASSWORD)"}
    - {name: CREDENTIALS, value: "$(USER_NAME)$(DB_PASSWORD)"}
    - {name: CLIENT_SECRET, value: "\${CLIENT_SECRET}"}
    - {name: API_KEY, value: "<api-key>"}
    - {name: SLACK_TOKEN, value: xxxxxxxx}
    - {name: ADMIN_PASSWORD, value: "***"}
    - {name: STRIPE_KEY, value: REPLACE_ME}
    - {name: DB_PASS_WORD, value: your-password-here}
    - {name: JWT, value: dummy}
    - {name: DATABASE_URL, value: "postgres://shop:$(DB_PASSWORD)@db:5432/shop"}
    - {name: REPO_URL, value: "https://deploy@git.example.com/shop.git"}
  initContainers:
  - name: init
    image: busybox:1.36
    env:
    - {name: MODE, value: migrate}
`,
    },
    {
      name: 'a key id whose value is shaped like a public id; an AWS access key id alone',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AWS_ACCESS_KEY_ID, value: ${AWS_ID}}
    - {name: KMS_KEY_ID, value: "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-0000-4000-8000-123456789abc"}
    - {name: GPG_KEY_ID, value: "0x4AEE18F83AFDEB23"}
    - {name: SIGNING_KEY_ID, value: signing-key-2024}
    - {name: COMMIT, value: da39a3ee5e6b4b0d3255bfef95601890afd80709}
`,
    },
    {
      name: 'arguments: references, file flags, switches, setting flags (a control-plane command line)',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.0
    command:
    - kube-apiserver
    - --anonymous-auth=false
    - --authorization-mode=Node,RBAC
    - --enable-bootstrap-token-auth=true
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --token-auth-file=/etc/kubernetes/tokens.csv
    args: ["--api-token=$(API_TOKEN)", "--password", "$(DB_PASSWORD)", "--token", "--verbose"]
  - name: sh
    image: busybox:1.36
    command: ["sh", "-c", "PASSWORD=$(cat /run/secrets/pw) exec app --secret=\\"$SECRET\\" --key-file=/k MASTER_PASSWORD='', x"]
`,
    },
    {
      name: 'a ConfigMap without credentials (a documentation PEM header, a public key, settings)',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: app
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    checksum/secret: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
data:
  log_level: debug
  token_path: /etc/app/token
  nginx.conf: |
    server { listen 8080; }
  README: |
    -----BEGIN RSA PRIVATE KEY-----
    ...
    -----END RSA PRIVATE KEY-----
  service.pub: |
    -----BEGIN PUBLIC KEY-----
    ${PEM_BODY}
    -----END PUBLIC KEY-----
  prometheus.yml: |
    scrape_configs:
    - job_name: k8s
      bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
      basic_auth: {username: prom, password_file: /etc/prom/password}
  app.properties: |
    # db.password = not-a-value-in-a-comment
    db.password=\${DB_PASSWORD}
    api.token=<token>
    auth.enabled=true
    secret.name=app-secrets
  zap.json: |
    {"encoderConfig": {"timeKey": "timestamp", "levelKey": "severity", "messageKey": "message"}}
  app.yaml: |
    auth:
      password: ""
      token: |
        \$(TOKEN)
binaryData:
  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
`,
    },
    {
      name: 'annotations of a Secret are not judged: its data is where credentials belong',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: s
  namespace: app
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"token":"${GITHUB}"}}'
stringData:
  token: ${GITHUB}
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: app, annotations: {example.com/owner: shop-team}}
spec:
  ports: [{port: 80}]
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
    - {name: API_TOKEN, value: not-a-secret-here}
`,
    },
    {
      name: 'allow-lists of names and values narrow the defaults',
      inputs: { sensitiveKeyNamesAllowed: ['^NEXTAUTH_URL$', '_PUBLIC_KEY$'], sensitiveValuesAllowed: ['^test-fixture-'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: NEXTAUTH_URL, value: "https://shop.example.com"}
    - {name: JWT_PUBLIC_KEY, value: "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="}
    - {name: DB_PASSWORD, value: test-fixture-password}
`,
    },
  ],
  invalid: [
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
    - {name: PGPASSWORD, value: s3cr3t} # fails
    - {name: REDIS_PWD, value: s3cr3t} # fails
    - {name: ELASTIC_PASSWORD, value: changeme} # fails
    - {name: SSH_PASSPHRASE, value: correct-horse} # fails
    - {name: TLS_KEY_CONTENT, value: abc123} # fails
    - {name: AZURE_STORAGE_KEY, value: abc123} # fails
    - {name: GOOGLE_CREDENTIALS, value: abc123} # fails
    - {name: SESSION_JWT, value: abc123} # fails
    - {name: BEARER, value: abc123} # fails
    - {name: BASIC_AUTH, value: "admin:admin"} # fails
    - {name: VAULT_SECRET_ID, value: 6a1c2b0e-1f2a-4b3c-8d9e-0f1a2b3c4d5e} # fails
    - {name: PIN, value: "1234"} # fails
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
      inputs: { sensitiveKeyNames: ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'key', 'credential', 'jwt', 'bearer', 'auth', 'pin'] },
      paths: [
        'spec.containers[0].env[1].value', 'spec.containers[0].env[2].value', 'spec.containers[0].env[3].value',
        'spec.containers[0].env[4].value', 'spec.containers[0].env[5].value', 'spec.containers[0].env[6].value',
        'spec.containers[0].env[7].value', 'spec.containers[0].env[8].value', 'spec.containers[0].env[9].value',
        'spec.containers[0].env[10].value', 'spec.containers[0].env[11].value', 'spec.containers[0].env[12].value',
        'spec.containers[0].env[13].value',
        'spec.initContainers[0].env[0].value',
        'spec.ephemeralContainers[0].env[0].value',
      ],
      messages: [
        /^container "a" sets env var "DB_PASSWORD" to a literal value that looks like a credential: its name contains "password"$/,
        /"ELASTIC_PASSWORD" .*its name contains "password"$/,
        /"VAULT_SECRET_ID" .*its name contains "secret"$/,
        /"PIN" .*its name contains "pin"$/,
        /init container "init" sets env var "X-Api-Key" .*its name contains "key"/,
        /ephemeral container "debug" sets env var "slackToken" .*its name contains "token"/,
      ],
    },
    {
      name: 'values that look like credentials under harmless names, each format named with its prefix only',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: SESSION, value: ${JWT}} # fails
    - {name: GH, value: ${GITHUB}} # fails
    - {name: SLACK_HOOK, value: ${SLACK}} # fails
    - {name: BILLING, value: ${STRIPE}} # fails
    - {name: LLM, value: ${OPENAI}} # fails
    - {name: STORAGE, value: "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"} # fails
    - {name: DATABASE_URL, value: "postgres://shop:s3cr3t-pw@db.shop.svc:5432/shop"} # fails
    - {name: GOOGLE_APPLICATION, value: '${GCP}'} # fails
    - {name: SIGNING, value: "${PEM.replace(/\n/g, '\\n')}"} # fails
`,
      paths: [
        'spec.containers[0].env[0].value', 'spec.containers[0].env[1].value', 'spec.containers[0].env[2].value',
        'spec.containers[0].env[3].value', 'spec.containers[0].env[4].value', 'spec.containers[0].env[5].value',
        'spec.containers[0].env[6].value', 'spec.containers[0].env[7].value', 'spec.containers[0].env[8].value',
      ],
      messages: [
        /"SESSION" .*its value looks like a JSON Web Token \(eyJ\*\*\*\*\)$/,
        /"GH" .*its value looks like a GitHub personal access token \(ghp_\*\*\*\*\)$/,
        /"SLACK_HOOK" .*its value looks like a Slack token \(xoxb-\*\*\*\*\)$/,
        /"BILLING" .*its value looks like a Stripe live secret key \(sk_live_\*\*\*\*\)$/,
        /"LLM" .*its value looks like an OpenAI API key \(sk-\*\*\*\*\)$/,
        /"STORAGE" .*its value looks like an Azure Storage connection string with its account key \(AccountKey=\*\*\*\*\)$/,
        /"DATABASE_URL" .*its value looks like a postgres:\/\/ URL with an embedded password \(postgres:\/\/\*\*\*\*:\*\*\*\*@\)$/,
        /"GOOGLE_APPLICATION" .*its value looks like a Google Cloud service account key/,
        /"SIGNING" .*its value looks like a private key \(PEM, RSA\) \(-----BEGIN RSA PRIVATE KEY-----\)$/,
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
    - {name: GITHUB_TOKEN, value: ${GITHUB}} # fails
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/its name contains "token" and its value looks like a GitHub personal access token \(ghp_\*\*\*\*\)$/],
    },
    {
      name: 'an AWS access key id with its secret access key beside it, under any names',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AWS_ACCESS_KEY_ID, value: ${AWS_ID}} # fails
    - {name: S3_SK, value: ${AWS_SECRET}} # fails
  - name: b
    image: nginx:1.27
    env:
    - {name: AWS_ACCESS_KEY_ID, value: ${AWS_ID}} # fails
    - {name: AWS_SECRET_ACCESS_KEY, value: ${AWS_SECRET}} # fails
`,
      paths: [
        'spec.containers[0].env[0].value', 'spec.containers[0].env[1].value',
        'spec.containers[1].env[0].value', 'spec.containers[1].env[1].value',
      ],
      messages: [
        /"AWS_ACCESS_KEY_ID" .*its value looks like an AWS access key id \(AKIA\*\*\*\*\) and its secret access key is beside it, in env var "S3_SK"$/,
        /"S3_SK" .*its value looks like an AWS secret access key, beside the access key id in env var "AWS_ACCESS_KEY_ID"$/,
        /"AWS_SECRET_ACCESS_KEY" .*its name contains "secret"$/,
      ],
    },
    {
      name: 'a key id whose value is not shaped like a public id',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: AWS_ACCESS_KEY_ID, value: "Tr0ub4dor&3-Horse"} # fails
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/its name contains "key" and its value is not shaped like a public key id$/],
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
    - {name: ADMIN_PASSWD, value: "/not a path"} # fails
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/contains "passwd"/],
    },
    {
      name: 'credentials in args and command: --flag=value, --flag value, NAME=value in a script, a token anywhere',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    command:
    - app
    - --db-password=${PASSWORD} # fails
    - --api-key # the flag: its value is the next item
    - k-7f3a9c2e1b # fails
    args:
    - --verbose
    - "--upstream=https://ci:s3cr3t-pw@ci.example.com/hook" # fails
    - ${GITHUB} # fails
  - name: sh
    image: busybox:1.36
    command: ["sh", "-c", "export REDIS_PASSWORD='s3cr3t-pw'; exec redis-server --requirepass \\"$REDIS_PASSWORD\\""] # fails
`,
      paths: [
        'spec.containers[0].command[1]', 'spec.containers[0].command[3]',
        'spec.containers[0].args[1]', 'spec.containers[0].args[2]', 'spec.containers[1].command[2]',
      ],
      messages: [
        /^container "a" has a credential in command\[1\]: "--db-password" is set to a literal value and its name contains "password"$/,
        /^container "a" has a credential in command\[3\]: "--api-key" is given a literal value and its name contains "key"$/,
        /^container "a" has a credential in args\[1\]: its value looks like a https:\/\/ URL with an embedded password/,
        /^container "a" has a credential in args\[2\]: its value looks like a GitHub personal access token \(ghp_\*\*\*\*\)$/,
        /^container "sh" has a credential in command\[2\]: "REDIS_PASSWORD" is set to a literal value and its name contains "password"$/,
      ],
    },
    {
      name: 'annotations of a workload and of its pod template, by value only; last-applied-configuration as text',
      noWorkloadVariants: true,
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: app
  annotations:
    example.com/api-key: not-judged-by-name
    example.com/notify: ${SLACK} # fails
    kubectl.kubernetes.io/last-applied-configuration: '{"spec":{"template":{"spec":{"containers":[{"env":[{"name":"GH","value":"${GITHUB}"}]}]}}}}' # fails
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata:
      labels: {app: app}
      annotations:
        example.com/db: "mysql://root:s3cr3t-pw@mysql:3306/shop" # fails
    spec:
      containers:
      - name: app
        image: nginx:1.27
        env:
        - {name: GH, value: ${GITHUB}} # fails
`,
      paths: [
        'metadata.annotations["example.com/notify"]',
        'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
        'spec.template.metadata.annotations["example.com/db"]',
        'spec.template.spec.containers[0].env[0].value',
      ],
      messages: [
        /^annotation "example\.com\/notify" holds a credential: its value looks like a Slack token \(xoxb-\*\*\*\*\)$/,
        /^annotation "kubectl\.kubernetes\.io\/last-applied-configuration" \(kubectl apply keeps the whole applied manifest there\) holds a credential: its value looks like a GitHub personal access token/,
        /^pod template annotation "example\.com\/db" holds a credential: its value looks like a mysql:\/\/ URL with an embedded password/,
      ],
    },
    {
      name: 'annotations of any other object',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: svc
  namespace: app
  annotations:
    example.com/webhook-auth: "${JWT}" # fails
spec:
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: app
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: basic-auth
    nginx.ingress.kubernetes.io/configuration-snippet: | # fails
      proxy_set_header Authorization "Bearer ${OPENAI}";
spec:
  rules: [{host: shop.example.com}]
`,
      paths: ['metadata.annotations["example.com/webhook-auth"]', 'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]'],
      messages: [/a JSON Web Token/, /an OpenAI API key \(sk-\*\*\*\*\)/],
    },
    {
      name: 'ConfigMap keys and values by the same rules; binaryData decoded',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  log_level: debug
  db.password: ${PASSWORD} # fails
  db.password_file: /etc/db/password
  signing.pem: | # fails
    -----BEGIN RSA PRIVATE KEY-----
    ${PEM_BODY}
    -----END RSA PRIVATE KEY-----
  empty-token: ""
  application.properties: | # fails
    spring.datasource.url=jdbc:postgresql://db:5432/shop
    spring.datasource.username=shop
    github.token=${GITHUB}
  aws-config: | # fails
    [default]
    aws_access_key_id = ${AWS_ID}
    aws_secret_access_key = ${AWS_SECRET}
binaryData:
  tls.key: ${b64(PEM)} # fails
  gcp.json: ${b64(GCP)} # fails
  logo.png: iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
`,
      paths: [
        'data["db.password"]', 'data["signing.pem"]', 'data["application.properties"]', 'data.aws-config',
        'binaryData["tls.key"]', 'binaryData["gcp.json"]',
      ],
      messages: [
        /^ConfigMap key "db\.password" looks like a credential: its name contains "password"$/,
        /"signing\.pem" .*looks like a private key \(PEM, RSA\)/,
        /"application\.properties" .*its value looks like a GitHub personal access token/,
        /"aws-config" .*its value looks like an AWS access key id \(AKIA\*\*\*\*\) with its secret access key/,
        /^ConfigMap key "tls\.key" \(binaryData\) looks like a credential: its name contains "key" and its value looks like a private key/,
        /^ConfigMap key "gcp\.json" \(binaryData\) looks like a credential: its value looks like a Google Cloud service account key/,
      ],
    },
    {
      name: 'configuration files in a ConfigMap: a line that sets a credential-named setting to a literal',
      noWorkloadVariants: true,
      yaml: `apiVersion: v1
kind: ConfigMap
metadata: {name: files, namespace: app}
data:
  application.properties: | # fails
    spring.datasource.url=jdbc:postgresql://db:5432/shop
    spring.datasource.password=${PASSWORD}
  grafana.ini: | # fails
    [security]
    admin_user = admin
    admin_password = s3cr3t ; set at install
  app.env: | # fails
    export API_TOKEN="k-7f3a9c2e1b"
  client.json: | # fails
    {
      "client_id": "shop",
      "client_secret": "s3cr3t-value",
    }
  kiali.yaml: | # fails
    login_token:
      signing_key: CHANGEME00000000
`,
      paths: ['data["application.properties"]', 'data["grafana.ini"]', 'data["app.env"]', 'data["client.json"]', 'data["kiali.yaml"]'],
      messages: [
        /^ConfigMap key "application\.properties" looks like a credential: line 2 sets "spring\.datasource\.password" to a literal value and its name contains "password"$/,
        /"grafana\.ini" .*line 3 sets "admin_password"/,
        /"app\.env" .*line 1 sets "API_TOKEN"/,
        /"client\.json" .*line 3 sets "client_secret" .*its name contains "secret"$/,
        /"kiali\.yaml" .*line 2 sets "signing_key" .*its name contains "key"$/,
      ],
    },
    {
      name: 'configured value patterns add to the built-in rules and are named by their position',
      inputs: { sensitiveValuePatterns: ['^corp-[0-9]{6}$'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: LICENSE, value: corp-123456} # fails
    - {name: GH, value: ${GITHUB}} # fails
`,
      paths: ['spec.containers[0].env[0].value', 'spec.containers[0].env[1].value'],
      messages: [/its value looks like a credential \(value pattern #1 of sensitiveValuePatterns\)$/, /GitHub personal access token/],
    },
    {
      name: 'an allowed name still fails by its value',
      inputs: { sensitiveKeyNamesAllowed: ['^GH_TOKEN$'] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: a
    image: nginx:1.27
    env:
    - {name: GH_TOKEN, value: ${GITHUB}} # fails
    - {name: GH_TOKEN, value: not-judged-by-name}
`,
      paths: ['spec.containers[0].env[0].value'],
      messages: [/"GH_TOKEN" .*: its value looks like a GitHub personal access token \(ghp_\*\*\*\*\)$/],
    },
  ],
});

describe('credentials-in-config never reveals a value', () => {
  const secrets = [PASSWORD, AWS_ID, AWS_SECRET, JWT, GITHUB, SLACK, STRIPE, OPENAI, AZURE_KEY, PEM_BODY, 'k-7f3a9c2e1b', 's3cr3t-pw'];
  const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: app
  annotations: {example.com/hook: "https://ci:s3cr3t-pw@ci.example.com"}
spec:
  containers:
  - name: a
    image: nginx:1.27
    args: ["--api-key=k-7f3a9c2e1b", "${STRIPE}"]
    env:
    - {name: DB_PASSWORD, value: ${PASSWORD}}
    - {name: AWS_ACCESS, value: ${AWS_ID}}
    - {name: AWS_SK, value: ${AWS_SECRET}}
    - {name: API_TOKEN, value: ${JWT}}
    - {name: GH, value: ${GITHUB}}
    - {name: SLACK, value: ${SLACK}}
    - {name: LLM, value: ${OPENAI}}
    - {name: STORAGE, value: "AccountKey=${AZURE_KEY}"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  private_key: |
    -----BEGIN RSA PRIVATE KEY-----
    ${PEM_BODY}
binaryData:
  token: ${b64(GITHUB)}
`;

  it('in no finding message, path message or fix', () => {
    const r = runControl(control, yaml);
    assert.equal(r.failed, 2);
    // the annotation, 2 arguments, 8 env vars (the AWS pair under harmless names), 2 ConfigMap entries
    assert.equal(r.findings.flatMap((f) => f.paths).length, 13);
    const text = JSON.stringify(r.findings);
    for (const s of secrets) {
      assert.ok(!text.includes(s), `no finding field contains ${s.slice(0, 4)}…`);
      assert.ok(!text.includes(b64(s)), 'nor its base64');
    }
  });

  it('suggests moving the value into a Secret, by where it is', () => {
    const r = runControl(control, yaml);
    const fixes = new Set(r.findings.flatMap((f) => f.paths.map((p) => p.fix?.description ?? f.fix?.description)));
    assert.deepEqual([...fixes].sort(), [
      'move it into a Secret and reference it with valueFrom.secretKeyRef',
      'move it into a Secret, expose it as an env var with valueFrom.secretKeyRef and pass it as $(VAR) in the arguments',
      'remove the credential from the annotation and keep it in a Secret',
    ]);
  });
});

describe('credentials-in-config on large values', () => {
  it('examines the first 64 KiB of a value: a token beyond is not read', () => {
    const padding = 'x'.repeat(70 * 1024);
    const yaml = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
data:
  big: "${value}"
`;
    assert.equal(runControl(control, yaml(`${GITHUB} ${padding}`)).failed, 1);
    assert.equal(runControl(control, yaml(`${padding} ${GITHUB}`)).failed, 0);
  });
});

// The AWS SDK for JavaScript v3 against a kv-mock server: writes and reads both services and
// checks typed errors. Usage: node check.mjs <endpoint-url> <name-prefix> [account]
// The ARN must name <account> (default 111122223333: the 12-digit access key id plays it).
// Prints one JSON line of what it read; exits non-zero (with the reason) on any mismatch.
import {
  SSMClient, PutParameterCommand, GetParameterCommand, GetParametersByPathCommand,
  LabelParameterVersionCommand, ParameterNotFound, ParameterAlreadyExists,
} from "@aws-sdk/client-ssm";
import {
  SecretsManagerClient, CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand,
  DescribeSecretCommand, ResourceNotFoundException,
} from "@aws-sdk/client-secrets-manager";
import assert from "node:assert/strict";

const [endpoint, prefix, account = "111122223333"] = process.argv.slice(2);
const config = {
  endpoint,
  region: "eu-west-1",
  credentials: { accessKeyId: "111122223333", secretAccessKey: "not-checked" },
  maxAttempts: 1,
};
const ssm = new SSMClient(config);
const secrets = new SecretsManagerClient(config);

async function expectError(promise, type) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${error.name}: ${error.message}`);
    return { name: error.name, message: error.message, status: error.$metadata.httpStatusCode };
  }
  assert.fail(`expected ${type.name}, got a success`);
}

const path = `/${prefix}/js`;
await ssm.send(new PutParameterCommand({ Name: `${path}/host`, Value: "db.internal", Type: "String" }));
await ssm.send(new PutParameterCommand({
  Name: `${path}/password`, Value: "hunter2", Type: "SecureString",
}));
const second = await ssm.send(new PutParameterCommand({
  Name: `${path}/host`, Value: "db2.internal", Type: "String", Overwrite: true,
}));
assert.equal(second.Version, 2);
await ssm.send(new LabelParameterVersionCommand({
  Name: `${path}/host`, ParameterVersion: 1, Labels: ["stable"],
}));
const current = await ssm.send(new GetParameterCommand({ Name: `${path}/host` }));
assert.equal(current.Parameter.Value, "db2.internal");
assert.ok(current.Parameter.LastModifiedDate instanceof Date);
const stable = await ssm.send(new GetParameterCommand({ Name: `${path}/host:stable` }));
assert.equal(stable.Parameter.Value, "db.internal");
const byPath = await ssm.send(new GetParametersByPathCommand({ Path: path, WithDecryption: true }));
const values = Object.fromEntries(byPath.Parameters.map((p) => [p.Name, p.Value]));
assert.deepEqual(values, { [`${path}/host`]: "db2.internal", [`${path}/password`]: "hunter2" });
const notFound = await expectError(
  ssm.send(new GetParameterCommand({ Name: `${path}/absent` })), ParameterNotFound);
const exists = await expectError(
  ssm.send(new PutParameterCommand({ Name: `${path}/host`, Value: "x", Type: "String" })),
  ParameterAlreadyExists);

const name = `${prefix}/js/api-key`;
const created = await secrets.send(new CreateSecretCommand({
  Name: name, SecretString: JSON.stringify({ key: "one" }),
}));
assert.ok(created.ARN.startsWith(`arn:aws:secretsmanager:eu-west-1:${account}:secret:${name}-`), created.ARN);
await secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"key":"two"}' }));
const value = await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN }));
assert.equal(JSON.parse(value.SecretString).key, "two");
assert.ok(value.CreatedDate instanceof Date);
const previous = await secrets.send(new GetSecretValueCommand({
  SecretId: name, VersionStage: "AWSPREVIOUS",
}));
assert.equal(JSON.parse(previous.SecretString).key, "one");
const described = await secrets.send(new DescribeSecretCommand({ SecretId: name }));
assert.equal(Object.keys(described.VersionIdsToStages).length, 2);
const missing = await expectError(
  secrets.send(new GetSecretValueCommand({ SecretId: `${prefix}/absent` })),
  ResourceNotFoundException);

console.log(JSON.stringify({
  parameter: current.Parameter.Value, secret: JSON.parse(value.SecretString).key,
  errors: [notFound, exists, missing],
}));

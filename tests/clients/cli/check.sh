#!/usr/bin/env bash
# The AWS CLI against a kv-mock server: writes and reads both services, checks typed errors.
# Usage: check.sh <endpoint-url> <name-prefix> [account]   (the `aws` on PATH is used)
# The ARN must name <account> (default 111122223333: the 12-digit access key id plays it).
set -euo pipefail
endpoint=$1 prefix=$2 account=${3:-111122223333}
export AWS_ACCESS_KEY_ID=111122223333 AWS_SECRET_ACCESS_KEY=not-checked
export AWS_DEFAULT_REGION=eu-west-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_PAGER="" AWS_MAX_ATTEMPTS=1
aws() { command aws --endpoint-url "$endpoint" --output json "$@"; }
fail() { echo "check.sh: $*" >&2; exit 1; }
expect_eq() { [ "$1" == "$2" ] || fail "expected '$2', got '$1'"; }
# expect_error CODE OPERATION aws-args…: the CLI fails (255 in v1, 254 in v2) naming the code
expect_error() {
  local code=$1 operation=$2; shift 2
  local err status=0
  err=$(aws "$@" 2>&1 >/dev/null) || status=$?
  [[ "$status" == 254 || "$status" == 255 ]] || fail "exit status $status"
  [[ "$err" == *"An error occurred ($code) when calling the $operation operation"* ]] \
    || fail "expected $code from $operation, got: $err"
  echo "$code"
}

path="/$prefix/cli"
aws ssm put-parameter --name "$path/host" --value db.internal --type String >/dev/null
aws ssm put-parameter --name "$path/password" --value hunter2 --type SecureString >/dev/null
version=$(aws ssm put-parameter --name "$path/host" --value db2.internal --type String \
  --overwrite --query Version)
expect_eq "$version" 2
aws ssm label-parameter-version --name "$path/host" --parameter-version 1 --labels stable >/dev/null
expect_eq "$(aws ssm get-parameter --name "$path/host" --query Parameter.Value --output text)" \
  db2.internal
expect_eq "$(aws ssm get-parameter --name "$path/host:stable" --query Parameter.Value \
  --output text)" db.internal
expect_eq "$(aws ssm get-parameters-by-path --path "$path" --with-decryption \
  --query 'Parameters[].Value' --output text)" "$(printf 'db2.internal\thunter2')"
ssm_error=$(expect_error ParameterNotFound GetParameter ssm get-parameter --name "$path/absent")

name="$prefix/cli/api-key"
arn=$(aws secretsmanager create-secret --name "$name" --secret-string '{"key":"one"}' --query ARN \
  --output text)
[[ "$arn" == "arn:aws:secretsmanager:eu-west-1:$account:secret:$name-"* ]] || fail "ARN $arn"
aws secretsmanager put-secret-value --secret-id "$name" --secret-string '{"key":"two"}' >/dev/null
expect_eq "$(aws secretsmanager get-secret-value --secret-id "$arn" --query SecretString \
  --output text)" '{"key":"two"}'
expect_eq "$(aws secretsmanager get-secret-value --secret-id "$name" --version-stage AWSPREVIOUS \
  --query SecretString --output text)" '{"key":"one"}'
secret_error=$(expect_error ResourceNotFoundException GetSecretValue \
  secretsmanager get-secret-value --secret-id "$prefix/absent")
exists_error=$(expect_error ResourceExistsException CreateSecret \
  secretsmanager create-secret --name "$name" --secret-string x)
echo "{\"errors\": [\"$ssm_error\", \"$secret_error\", \"$exists_error\"]}"

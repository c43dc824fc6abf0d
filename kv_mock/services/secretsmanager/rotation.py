"""RotateSecret and CancelRotateSecret, with Python callables standing in for rotation Lambdas.

A test registers ``function(event, context)`` for a Lambda ARN
(:meth:`kv_mock.KvMock.rotation_function`). RotateSecret then does what Secrets Manager
does: it records the configuration, creates the AWSPENDING version (without a value) under
the request's ClientRequestToken, and invokes the function once per step — createSecret,
setSecret, testSecret, finishSecret — with the event a rotation Lambda receives. The
function uses boto3 against the mock, as a real rotation Lambda does, so the steps run
outside the state lock.

A step that raises ends the rotation where AWS's would end: AWSPENDING stays on the new
version, so the next RotateSecret reports the rotation as incomplete.

While a secret's rotation function runs, a RotateSecret of that same secret (the function
rotating its own secret, or a chain of functions coming back to it) is refused with AWS's
"A previous rotation isn't complete" InvalidRequestException: the rotation has not
finished until its last step returns. (Inferred: AWS invokes the Lambda asynchronously, so
there such a call would start an endless chain of rotations; in-process it would recurse
without end.) The function sees the error as a ClientError; if it lets it escape, its step
fails and the secret is left as a failed step leaves it. As in AWS (rotation
is asynchronous; failures show up in the function's logs) RotateSecret itself succeeds;
the exception is logged on the ``kv_mock`` logger.
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ...context import Context
from ...errors import KvMockError, ServiceError
from ...events import register_rescheduler
from ...state import MockState
from ...store.secrets import AWSCURRENT, AWSPENDING, Secret, SecretVersion
from .shared_access import shared_operation
from .lookup import writable_secret
from .replicas import is_replica, sync_soon
from .cross_account import refuse_replica_value_write
from .schedules import Schedule, check_rotation_rules
from .versions import request_token

logger = logging.getLogger("kv_mock")

RotationFunction = Callable[[dict, Any], Any]

#: The four steps of a rotation function, in the order Secrets Manager invokes them.
ROTATION_STEPS = ("createSecret", "setSecret", "testSecret", "finishSecret")
#: "If you set RotateImmediately to false, Secrets Manager tests the rotation configuration
#: by running the testSecret step of the Lambda rotation function."
TEST_ONLY_STEPS = ("testSecret",)
#: A Lambda function's maximum timeout; what ``context.get_remaining_time_in_millis()`` says.
LAMBDA_TIMEOUT_MILLIS = 900_000

NO_LAMBDA_MESSAGE = "No Lambda rotation function ARN is associated with this secret."
IN_PROGRESS_MESSAGE = "A previous rotation isn't complete. That rotation will be reattempted."
CANNOT_INVOKE_MESSAGE = (
    "Secrets Manager cannot invoke the specified Lambda function. Ensure that the function "
    "policy grants access to the principal secretsmanager.amazonaws.com."
)

_REGISTRY_KEY = "secretsmanager.rotation_functions"
#: ``state.extensions`` entry: the ARNs of the secrets whose rotation function is running.
_RUNNING_KEY = "secretsmanager.rotations_running"


# -- the registry of rotation functions ----------------------------------------------------
def register_rotation_function(
    state: MockState, lambda_arn: str, function: RotationFunction
) -> RotationFunction:
    """Make ``function`` the Lambda ``lambda_arn`` for every secret that names it."""
    if not isinstance(lambda_arn, str) or not lambda_arn:
        raise KvMockError(
            f"the rotation function's Lambda ARN must be a string, got {lambda_arn!r}"
        )
    if not callable(function):
        raise KvMockError(f"a rotation function must be callable, got {function!r}")
    state.extensions.setdefault(_REGISTRY_KEY, {})[lambda_arn] = function
    return function


def rotation_function_for(state: MockState, lambda_arn: str) -> Optional[RotationFunction]:
    return state.extensions.get(_REGISTRY_KEY, {}).get(lambda_arn)


@dataclass(frozen=True)
class LambdaContext:
    """The ``context`` a Python Lambda handler receives, as far as a rotation needs it."""

    function_name: str
    invoked_function_arn: str
    aws_request_id: str
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 128

    def get_remaining_time_in_millis(self) -> int:
        return LAMBDA_TIMEOUT_MILLIS


def _function_name(lambda_arn: str) -> str:
    """``arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`` → ``<name>``."""
    parts = lambda_arn.split(":")
    return parts[6] if len(parts) > 6 and parts[5] == "function" else lambda_arn


# -- one rotation ------------------------------------------------------------------------
@dataclass
class Rotation:
    """A rotation of one secret, started under the lock and run through its steps outside it."""

    state: MockState
    account_id: str
    region: str
    secret_arn: str
    lambda_arn: str
    function: RotationFunction
    token: str
    steps: tuple[str, ...] = ROTATION_STEPS
    #: Whether this rotation made the AWSPENDING version (a test-only rotation removes it).
    created_version: bool = True

    def run(self) -> None:
        """Invoke the steps in order (no lock held); then record the outcome."""
        rotation_token = self.state.ids.uuid4()
        with self.state.lock:
            _running(self.state).add(self.secret_arn)
        try:
            succeeded = all(self._invoke(step, rotation_token) for step in self.steps)
        finally:
            with self.state.lock:
                _running(self.state).discard(self.secret_arn)
        with self.state.lock:
            secret = self._secret()
            if secret is not None:
                self._finish(secret, succeeded)
                sync_soon(self.state, self.account_id, secret, self.state.clock.now())

    def _invoke(self, step: str, rotation_token: str) -> bool:
        event = {
            "Step": step,
            "SecretId": self.secret_arn,
            "ClientRequestToken": self.token,
            "RotationToken": rotation_token,
        }
        context = LambdaContext(
            _function_name(self.lambda_arn), self.lambda_arn, self.state.ids.uuid4()
        )
        try:
            self.function(event, context)
        except Exception:  # the function's failure is the rotation's, not the caller's
            logger.exception(
                "rotation function %s failed at step %s of %s", self.lambda_arn, step,
                self.secret_arn,
            )
            return False
        return True

    def _secret(self) -> Optional[Secret]:
        return self.state.backend(self.account_id, self.region).secrets.by_arn(self.secret_arn)

    def _finish(self, secret: Secret, succeeded: bool) -> None:
        now = self.state.clock.now()
        if self.steps == TEST_ONLY_STEPS:
            # "This test creates an AWSPENDING version of the secret and then removes it."
            if self.created_version:
                secret.remove_version(self.token)
            else:
                secret.move_stage(AWSPENDING, None)
        elif succeeded:
            secret.last_rotated_date = now
        else:
            return
        schedule_next_rotation(self.state, self.account_id, self.region, secret, now)


def _running(state: MockState) -> set[str]:
    """The ARNs of the secrets whose rotation function is being invoked (under the lock)."""
    running: set[str] = state.extensions.setdefault(_RUNNING_KEY, set())
    return running


def pending_rotation(secret: Secret) -> Optional[SecretVersion]:
    """The version of an unfinished rotation: AWSPENDING on a version that isn't AWSCURRENT."""
    pending = secret.version_with_stage(AWSPENDING)
    if pending is None or AWSCURRENT in pending.stages:
        return None
    return pending


def _pending_version(
    secret: Secret, token: str, now: _dt.datetime, with_current_value: bool = False
) -> bool:
    """Put AWSPENDING on version ``token``, created if needed; True if it was created.

    Created empty, as Secrets Manager does before createSecret; for a test-only rotation
    (RotateImmediately=false) it holds the current value, which testSecret checks.
    """
    version = secret.versions.get(token)
    created = version is None
    if version is None:
        version = SecretVersion(token, now)
        secret.add_version(version)
        current = secret.version_with_stage(AWSCURRENT)
        if with_current_value and current is not None:
            version.secret_string = current.secret_string
            version.secret_binary = current.secret_binary
    secret.move_stage(AWSPENDING, version)
    return created


# -- scheduled rotations -----------------------------------------------------------------
def schedule_next_rotation(
    state: MockState, account_id: str, region: str, secret: Secret, after: _dt.datetime
) -> None:
    """Set NextRotationDate from the rules and have the rotation run once the clock passes it."""
    rules = secret.rotation_rules
    when = Schedule(rules).next_window_end(after) if rules and secret.rotation_enabled else None
    secret.next_rotation_date = when
    if when is not None:
        state.schedule(when, _due_rotation(state, account_id, region, secret.arn, when))


@register_rescheduler
def _reschedule_rotations(state: MockState) -> None:
    """After a restore or reload: every rotation still due, again."""
    for backend in state.backends.values():
        for secret in backend.secrets:
            when = secret.next_rotation_date
            if when is not None and secret.rotation_enabled and not is_replica(secret):
                state.schedule(
                    when, _due_rotation(state, backend.account_id, backend.region, secret.arn, when)
                )


def _due_rotation(
    state: MockState, account_id: str, region: str, arn: str, when: _dt.datetime
) -> Callable[[], Optional[Callable[[], None]]]:
    """The scheduled event: start the rotation under the lock, run its steps after it."""

    def due() -> Optional[Callable[[], None]]:
        found = state.backend(account_id, region).secrets.by_arn(arn)
        if (
            found is None or found.deleted_date is not None or not found.rotation_enabled
            or found.next_rotation_date != when or found.rotation_lambda_arn is None
        ):
            return None  # deleted, cancelled or rescheduled since
        function = rotation_function_for(state, found.rotation_lambda_arn)
        if function is None:
            logger.error("%s: %s", found.rotation_lambda_arn, CANNOT_INVOKE_MESSAGE)
            return None
        # A rotation left unfinished is reattempted with its own token.
        pending = pending_rotation(found)
        token = pending.version_id if pending else state.ids.uuid4().upper()
        _pending_version(found, token, state.clock.now())
        return Rotation(
            state, account_id, region, arn, found.rotation_lambda_arn, function, token
        ).run

    return due


# -- the operations ----------------------------------------------------------------------
@shared_operation("RotateSecret", locked=False)
def rotate_secret(context: Context, request: dict) -> dict:
    """Configure rotation and rotate now (or only test, with ``RotateImmediately=false``)."""
    with context.state.lock:
        secret, rotation = _start_rotation(context, request)
        response = {"ARN": secret.arn, "Name": secret.name, "VersionId": rotation.token}
    rotation.run()
    return response


def _start_rotation(context: Context, request: dict) -> tuple[Secret, Rotation]:
    """Check the request, store the configuration, create the AWSPENDING version."""
    # The request is checked before the secret is looked up (see ``request_token``).
    token = request_token(request, "InvalidParameterException")
    rules = request.get("RotationRules")
    schedule = check_rotation_rules(rules) if rules is not None else None
    secret = writable_secret(context, request["SecretId"])
    refuse_replica_value_write(secret)
    lambda_arn = request.get("RotationLambdaARN") or secret.rotation_lambda_arn
    if not lambda_arn:
        raise ServiceError("InvalidRequestException", NO_LAMBDA_MESSAGE)
    pending = pending_rotation(secret)
    if secret.arn in _running(context.state) or (
        pending is not None and pending.version_id != token
    ):
        raise ServiceError("InvalidRequestException", IN_PROGRESS_MESSAGE)
    function = rotation_function_for(context.state, lambda_arn)
    if function is None:
        raise ServiceError("AccessDeniedException", CANNOT_INVOKE_MESSAGE)
    secret.rotation_enabled = True
    secret.rotation_lambda_arn = lambda_arn
    if schedule is not None:
        secret.rotation_rules = schedule.rules
    immediately = request.get("RotateImmediately", True)
    created = _pending_version(secret, token, context.now, with_current_value=not immediately)
    return secret, Rotation(
        context.state, context.account_id, context.region, secret.arn, lambda_arn, function,
        token, ROTATION_STEPS if immediately else TEST_ONLY_STEPS, created,
    )


@shared_operation("CancelRotateSecret")
def cancel_rotate_secret(context: Context, request: dict) -> dict:
    """Turn automatic rotation off; the Lambda ARN and rules stay, an unfinished version too."""
    secret = writable_secret(context, request["SecretId"])
    secret.rotation_enabled = False
    secret.next_rotation_date = None
    response = {"ARN": secret.arn, "Name": secret.name}
    pending = pending_rotation(secret)
    if pending is not None:
        response["VersionId"] = pending.version_id
    return response


def rotation_fields(secret: Secret) -> dict:
    """DescribeSecret's and ListSecrets' rotation members; each only once it has a value."""
    fields: dict[str, Any] = {}
    if secret.rotation_enabled is not None:
        fields["RotationEnabled"] = secret.rotation_enabled
    if secret.rotation_lambda_arn is not None:
        fields["RotationLambdaARN"] = secret.rotation_lambda_arn
    if secret.rotation_rules is not None:
        fields["RotationRules"] = dict(secret.rotation_rules)
    if secret.last_rotated_date is not None:
        fields["LastRotatedDate"] = secret.last_rotated_date
    if secret.next_rotation_date is not None:
        fields["NextRotationDate"] = secret.next_rotation_date
    return fields

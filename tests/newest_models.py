"""Skip markers for tests of operations and members newer than the installed botocore.

The dev extra pins botocore (through aiobotocore) below the newest models; these tests
run in CI's ``.ci/jobs/30-newest-botocore.sh``, which installs the newest botocore and
fails if any of them is skipped there (it looks for "needs botocore" in the skip reasons).
"""

from typing import Optional

import botocore
import botocore.session
import pytest

_MODELS = {
    service: botocore.session.get_session().get_service_model(service)
    for service in ("ssm", "secretsmanager", "kms")
}


def has_operation(service: str, operation: str) -> bool:
    return operation in _MODELS[service].operation_names


def has_member(service: str, shape: str, member: str) -> bool:
    model = _MODELS[service]
    return shape in model.shape_names and member in model.shape_for(shape).members


def _reason(since: Optional[str], what: str) -> str:
    """Why a test skips; ``since`` is the first release known to model ``what``, if known."""
    release = f">= {since}" if since else f"newer than {botocore.__version__}"
    return (f"needs botocore {release} for {what} (installed: {botocore.__version__}); "
            "CI's 30-newest-botocore job runs it")


def needs_operation(
    service: str, operation: str, since: Optional[str] = None
) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not has_operation(service, operation), reason=_reason(since, f"{service}.{operation}"),
    )


def needs_member(
    service: str, shape: str, member: str, since: Optional[str] = None
) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not has_member(service, shape, member),
        reason=_reason(since, f"{service} {shape}.{member}"),
    )

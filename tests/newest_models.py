"""Skip markers for tests of operations and members newer than the installed botocore.

The dev extra pins botocore (through aiobotocore) below the newest models; these tests
run in CI's ``.ci/jobs/30-newest-botocore.sh``, which installs the newest botocore and
fails if any of them is skipped there (it looks for "needs botocore" in the skip reasons).
"""

import botocore
import botocore.session
import pytest

_MODELS = {
    service: botocore.session.get_session().get_service_model(service)
    for service in ("ssm", "secretsmanager")
}


def needs_operation(service: str, operation: str, since: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        operation not in _MODELS[service].operation_names,
        reason=f"needs botocore >= {since} for {service}.{operation} (installed: "
               f"{botocore.__version__}); CI's 30-newest-botocore job runs it",
    )


def needs_member(service: str, shape: str, member: str, since: str) -> pytest.MarkDecorator:
    model = _MODELS[service]
    present = shape in model.shape_names and member in model.shape_for(shape).members
    return pytest.mark.skipif(
        not present,
        reason=f"needs botocore >= {since} for {service} {shape}.{member} (installed: "
               f"{botocore.__version__}); CI's 30-newest-botocore job runs it",
    )

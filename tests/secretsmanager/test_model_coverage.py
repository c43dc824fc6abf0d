"""Every Secrets Manager operation in the installed botocore model is answered by kv_mock,
or listed here as out of scope with the reason: a newer botocore that adds an operation
fails this test until someone decides."""

import botocore.session

from kv_mock.services import SECRETS_MANAGER, implemented_operations

#: Operations kv_mock deliberately does not model, and why. (None today: all 26 of
#: botocore 1.44's model are implemented.)
OUT_OF_SCOPE: dict[str, str] = {}


def test_every_operation_is_implemented_or_out_of_scope():
    model = botocore.session.get_session().get_service_model(SECRETS_MANAGER)
    unaccounted = set(model.operation_names) - set(implemented_operations(SECRETS_MANAGER))
    assert unaccounted <= set(OUT_OF_SCOPE), (
        f"botocore's model has Secrets Manager operations kv_mock neither implements nor "
        f"lists as out of scope: {sorted(unaccounted - set(OUT_OF_SCOPE))}")


def test_out_of_scope_entries_give_a_reason_and_are_really_unimplemented():
    for name, reason in OUT_OF_SCOPE.items():
        assert reason.strip()
        assert name not in implemented_operations(SECRETS_MANAGER)

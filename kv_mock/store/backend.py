"""One ``Backend`` per (account, region): what AWS keeps apart, kv_mock keeps apart."""

from __future__ import annotations

from ..arns import partition_of
from ..ids import IdSource
from .kms import KeyRing
from .parameters import ParameterStore, ServiceSettingChange
from .secrets import SecretStore


class Backend:
    """The Parameter Store and Secrets Manager state of one account in one region."""

    def __init__(self, account_id: str, region: str, ids: IdSource) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition_of(region)
        self.parameters = ParameterStore()
        #: SSM service settings changed from their defaults, by short setting id.
        self.ssm_service_settings: dict[str, ServiceSettingChange] = {}
        self.secrets = SecretStore()
        self.kms = KeyRing(account_id, region, ids)

    def __repr__(self) -> str:
        return f"Backend(account_id={self.account_id!r}, region={self.region!r})"

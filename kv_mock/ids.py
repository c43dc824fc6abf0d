"""Every random value kv_mock makes comes from one seedable generator.

With ``mock_kayvee(seed=…)`` the same calls produce the same version ids, ARN suffixes,
request ids and passwords in every run; without a seed they are random, as in AWS.
"""

from __future__ import annotations

import os
import random
import string
from typing import Any, Optional, Sequence

ALPHANUMERIC = string.ascii_letters + string.digits

# RFC 4122 version 4: version nibble 4, variant bits 10.
_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_VERSION_4 = (0x4000 << 64) | (0x8000 << 48)

#: AWS appends "a hyphen and six random characters" to every secret ARN.
SECRET_ARN_SUFFIX_LENGTH = 6


class IdSource:
    """A ``random.Random`` with the id formats AWS uses."""

    def __init__(self, seed: Optional[int] = None) -> None:
        self.seed = seed
        self.rng = random.Random(seed if seed is not None else os.urandom(16))

    def uuid4(self) -> str:
        """A version-4 UUID string, as AWS version ids and request ids are.

        The same string as ``str(uuid.UUID(int=bits, version=4))``, formatted directly:
        every mocked call makes one (its request id), and ``uuid.UUID`` costs microseconds.
        """
        bits = self.rng.getrandbits(128) & _UUID_CLEAR | _UUID_VERSION_4
        text = bits.to_bytes(16, "big").hex()
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    #: A request id is a version-4 UUID too (one per mocked call: no call in between).
    request_id = uuid4

    def text(self, alphabet: Sequence[str], length: int) -> str:
        return "".join(self.rng.choices(alphabet, k=length))

    def secret_arn_suffix(self) -> str:
        return self.text(ALPHANUMERIC, SECRET_ARN_SUFFIX_LENGTH)

    def hex(self, length: int) -> str:
        return "%0*x" % (length, self.rng.getrandbits(4 * length))

    def state(self) -> tuple[Any, ...]:
        """The generator's internal state, for snapshots that continue the sequence."""
        return self.rng.getstate()

    def load_state(self, state: object) -> None:
        self.rng.setstate(state)  # type: ignore[arg-type]

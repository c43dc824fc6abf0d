"""``python -m kv_mock …``: the ``kv-mock`` command (``python -m kv_mock serve``)."""

import sys

from .cli import main

sys.exit(main())

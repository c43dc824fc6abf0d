"""The dashboard: the notebook view as a page of its own, served by ``kv-mock serve``.

``GET /_kv_mock/`` shows the mock's status, parameter versions with their labels, secret
versions with their stages, and the latest calls first; ``?reveal=1`` shows plaintexts
(the server binds 127.0.0.1 by default: whoever can reach it can read the store anyway,
through the API). The page has no script: a link switches masking, another reloads.
"""

from __future__ import annotations

import html

from ..inspection import to_html
from ..state import MockState

#: Where the server mounts the page.
PATH = "/_kv_mock/"

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1f24; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 1.2em 0; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
th, td { border: 1px solid #d0d7de; padding: .25em .5em; text-align: left;
         vertical-align: top; word-break: break-all; }
th { background: #f6f8fa; }
tbody tr:nth-child(even) { background: #fbfcfd; }
"""


def render(state: MockState, *, reveal: bool = False) -> str:
    """The dashboard page: a whole HTML document, every value escaped."""
    toggle = (f'<a href="{PATH}">Mask values</a>' if reveal
              else f'<a href="{PATH}?reveal=1">Reveal values</a>')
    here = f"{PATH}?reveal=1" if reveal else PATH
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>kv_mock dashboard</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<h1>kv_mock</h1>"
        f"<nav>{toggle}<a href=\"{html.escape(here)}\">Refresh</a></nav>"
        f"{to_html(state, reveal=reveal, active=True)}"
        "</body></html>\n"
    )

"""Reading a dotenv file back: python-dotenv when installed, else a tiny parser of the
documented subset (``NAME="escaped"`` and ``NAME='literal'`` lines)."""

import io
import re

try:
    import dotenv
except ImportError:  # pragma: no cover - python-dotenv is a dev extra
    dotenv = None

_LINE = re.compile(r"""([A-Za-z0-9_]+)=(?:"((?:\\.|[^"\\])*)"|'([^']*)')\n""", re.S)
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}


def tiny_parse(text):
    values, position = {}, 0
    while position < len(text):
        match = _LINE.match(text, position)
        assert match, f"unparseable dotenv text at {text[position:]!r}"
        name, double, single = match.groups()
        if double is not None:
            single = re.sub(r"\\(.)", lambda escape: _ESCAPES[escape[1]], double, flags=re.S)
        values[name] = single
        position = match.end()
    return values


def python_dotenv_parse(text):
    return dict(dotenv.dotenv_values(stream=io.StringIO(text), interpolate=False))


#: Every reader available here, for parametrised tests.
READERS = [tiny_parse] + ([python_dotenv_parse] if dotenv is not None else [])


def compose_parse(text):
    """docker compose's reading of the two forms we write, by compose-go's ``dotenv`` rules.

    compose-go (compose-spec/compose-go, ``dotenv/parser.go``) takes a single-quoted value
    literally up to the closing quote, newlines included; in a double-quoted value it turns
    ``\\n`` and ``\\r`` into their characters, unescapes ``\\"`` and ``\\\\``, and interpolates
    ``$``. compose-go itself is a Go library no package registry reachable here ships, so
    these rules stand in for it; a value whose ``$`` compose would interpolate is refused.
    """
    values = tiny_parse(text)
    for match in _LINE.finditer(text):
        name, double, _single = match.groups()
        assert double is None or "$" not in double, f"compose would interpolate {name}"
    return values

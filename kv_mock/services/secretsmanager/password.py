"""GetRandomPassword: AWS's character classes, options and guarantees.

The classes are upper case, lower case, digits and the 32 punctuation characters
``!"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~``; a space only with ``IncludeSpace`` (and it is never
required). With ``RequireEachIncludedType`` (the default) the password holds at least one
character of every class left after the exclusions. The required characters are drawn
first and then everything is shuffled, so they sit at random positions. All randomness
comes from the mock's seedable generator.
"""

from __future__ import annotations

import string

from ...context import Context
from ...errors import ServiceError
from .. import SECRETS_MANAGER, operation

DEFAULT_PASSWORD_LENGTH = 32
PUNCTUATION = string.punctuation

#: (exclusion switch, characters) for each character class AWS names.
CHARACTER_CLASSES = (
    ("ExcludeUppercase", string.ascii_uppercase),
    ("ExcludeLowercase", string.ascii_lowercase),
    ("ExcludeNumbers", string.digits),
    ("ExcludePunctuation", PUNCTUATION),
)

# Text as moto gives it; AWS's wording was not captured.
TOO_SHORT_MESSAGE = "Password length is too short based on the required types."
# Inferred text: AWS's wording was not found.
NOTHING_LEFT_MESSAGE = "The password can't be generated because every character is excluded."


def included_classes(request: dict) -> list[str]:
    """The character classes the request leaves, each without its excluded characters."""
    excluded = set(request.get("ExcludeCharacters", ""))
    classes = [
        "".join(c for c in characters if c not in excluded)
        for switch, characters in CHARACTER_CLASSES
        if not request.get(switch)
    ]
    return [characters for characters in classes if characters]


@operation(SECRETS_MANAGER, "GetRandomPassword")
def get_random_password(context: Context, request: dict) -> dict:
    length = request.get("PasswordLength", DEFAULT_PASSWORD_LENGTH)
    classes = included_classes(request)
    pool = "".join(classes)
    if request.get("IncludeSpace") and " " not in request.get("ExcludeCharacters", ""):
        pool += " "
    if not pool:
        raise ServiceError("InvalidParameterException", NOTHING_LEFT_MESSAGE)
    required = classes if request.get("RequireEachIncludedType", True) else []
    if length < len(required):
        raise ServiceError("InvalidParameterException", TOO_SHORT_MESSAGE)
    rng = context.ids.rng
    characters = [rng.choice(characters) for characters in required]
    characters += rng.choices(pool, k=length - len(characters))
    rng.shuffle(characters)
    return {"RandomPassword": "".join(characters)}

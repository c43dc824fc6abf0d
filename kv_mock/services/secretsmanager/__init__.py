"""Secrets Manager operations; importing registers their handlers."""

from . import values  # noqa: F401

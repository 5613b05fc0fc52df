"""Writes of the meeting record; each one transaction with its history row (see history.py).

Callers are views that checked the role and fetched the object through access.py; the rules
that depend on the object (only speakers confirm, only members vote inside the period...) are
checked here, so no caller can skip them.
"""

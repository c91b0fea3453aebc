"""Querysets kept for the life of a process.

Building some querysets costs more than running them (django-modeltranslation's manager, a
few annotations): the event list's is built once per process and language. What is kept must
never be evaluated, iterated or compiled itself, or it would hold rows or change for as long
as the process lives; so it is kept out of reach and handed out as copies.

A kept queryset stays right over time because nothing in it is read when it is built: the
time it publishes records by is read when each copy's query runs (core.models.CurrentTime).
"""

from functools import cache, wraps


def kept_per_process(build):
    """Decorates `build(*key)`, which returns a queryset: it is built once per process for
    each key, and each call returns a copy of it."""
    kept = cache(build)

    @wraps(build)
    def copy(*key):
        return kept(*key).all()

    return copy

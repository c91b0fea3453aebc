"""The project app's own tables, for Django to find: the office's profile, the records of
the editorial workflow and of the translation desk, and staff's preferences. The abstract
bases every public record shares are in unesco_office.core.models."""

from .office import OfficeProfile
from .staff import StaffPreference
from .translations import TranslationSource
from .workflow import AuditEntry, ReviewRequest, ShareLink

__all__ = [
    "AuditEntry",
    "OfficeProfile",
    "ReviewRequest",
    "ShareLink",
    "StaffPreference",
    "TranslationSource",
]

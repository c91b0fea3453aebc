"""The project app's own tables, for Django to find: the office's profile, and the records
of the editorial workflow. The abstract bases every public record shares are in
unesco_office.core.models."""

from .office import OfficeProfile
from .workflow import AuditEntry, ReviewRequest, ShareLink

__all__ = ["AuditEntry", "OfficeProfile", "ReviewRequest", "ShareLink"]

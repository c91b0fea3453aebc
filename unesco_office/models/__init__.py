"""The project app's own tables, for Django to find: the office's profile, the records of
the editorial workflow and of the translation desk, staff's preferences, the accounts the
login throttle locked, the lists' large downloads and the long imports run in the
background, and what the site search reads and what editors tell it. The abstract bases
every public record shares are in unesco_office.core.models."""

from .downloads import PrebuiltDownload
from .imports import ImportJob
from .office import OfficeProfile
from .search import PromotedResult, SearchDocument, SearchMiss, SearchSynonym, SearchWord
from .sign_in import AccountLock
from .staff import StaffPreference
from .translations import TranslationSource
from .workflow import AuditEntry, ReviewRequest, ShareLink

__all__ = [
    "AccountLock",
    "AuditEntry",
    "ImportJob",
    "OfficeProfile",
    "PrebuiltDownload",
    "PromotedResult",
    "ReviewRequest",
    "SearchDocument",
    "SearchMiss",
    "SearchSynonym",
    "SearchWord",
    "ShareLink",
    "StaffPreference",
    "TranslationSource",
]

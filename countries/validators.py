"""Validators for codes that other systems define: ISO 3166 and the IANA time zone database."""

import zoneinfo
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_iso_alpha2(value):
    if pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
        )


def validate_iso_alpha3(value):
    if pycountry.countries.get(alpha_3=value) is None:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-3 country code."), params={"value": value}
        )


@cache
def _time_zones():
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value and value not in _time_zones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone such as Asia/Shanghai."),
            params={"value": value},
        )


def iso_codes_mismatch(alpha2, alpha3):
    """A message when both codes are valid but name different countries, else None."""
    country = pycountry.countries.get(alpha_2=alpha2)
    if country and pycountry.countries.get(alpha_3=alpha3) and country.alpha_3 != alpha3:
        return _("%(alpha2)s is %(name)s, whose alpha-3 code is %(expected)s.") % {
            "alpha2": alpha2,
            "name": country.name,
            "expected": country.alpha_3,
        }
    return None

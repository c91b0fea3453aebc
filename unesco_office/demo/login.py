"""A staff login for the demo site, its password shown once."""

import secrets
import textwrap
from dataclasses import dataclass

from django.contrib.auth import get_user_model

ADMIN_URL = "http://127.0.0.1:8000/admin/"  # where `make demo` serves the admin by default


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None when the login already existed


def create_demo_login(*, username: str = "admin") -> DemoLogin:
    """A superuser with a fresh random password; an existing user is left untouched."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return DemoLogin(username=username, password=None)
    password = secrets.token_urlsafe(24)  # 32 characters
    User.objects.create_superuser(username=username, email="", password=password)
    return DemoLogin(username=username, password=password)


def login_instructions(login: DemoLogin, *, admin_url: str = ADMIN_URL) -> str:
    if login.password is None:
        return textwrap.dedent(
            f"""\
            The login “{login.username}” already exists; nothing was changed.
            To set a new password, run: manage.py changepassword {login.username}"""
        )
    return textwrap.dedent(
        f"""\
        Created the superuser “{login.username}”. This password is shown only once:

            URL:      {admin_url}
            Username: {login.username}
            Password: {login.password}

        To change it later, run: manage.py changepassword {login.username}"""
    )

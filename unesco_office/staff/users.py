"""The user admin: Django's, except for one's own password (registered in apps.py)."""

from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect


class StaffUserAdmin(UserAdmin):
    """One's own password is changed on the page that asks for the current one
    (admin:password_change), never on the page where superusers set other users'."""

    def user_change_password(self, request, id, form_url=""):
        if str(request.user.pk) == str(id):
            return redirect("admin:password_change")
        return super().user_change_password(request, id, form_url)

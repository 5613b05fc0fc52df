"""The admins of the packages installed before the project's apps (auth's groups, axes,
procrastinate), re-registered with the project's text guard (core.admin_guard). The project's
own admins mix the guard in themselves; tests/core/test_admin_guard.py checks them all."""

from django.contrib import admin

from core.admin_guard import guard_registered

guard_registered(admin.site)

"""What the apps' admin pages share."""


class NoEditingMixin:
    """Nobody adds, changes or deletes these rows from the admin: they are records."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

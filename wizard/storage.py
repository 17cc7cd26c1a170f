"""The wizard's answers in the session, written only when they change.

formtools' ``SessionStorage`` marks the session modified on every read of its data,
so every page view rewrote the session row (a database transaction per page). This
storage compares the data at the end of the request with what was loaded and marks
the session modified only if they differ.
"""

import copy

from formtools.wizard.storage.session import SessionStorage


class ChangedOnlySessionStorage(SessionStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded = copy.deepcopy(self.request.session[self.prefix])

    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def update_response(self, response):
        super().update_response(response)
        if self.request.session.get(self.prefix) != self._loaded:
            self.request.session.modified = True

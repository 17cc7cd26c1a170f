"""The wizard's answers in the session, written only when they change.

formtools' ``SessionStorage`` marks the session modified on every read of its data,
so every page view rewrote the session row (a database transaction per page). This
storage compares the data at the end of the request with what was loaded and marks
the session modified only if they differ.

A wizard with no answer yet keeps nothing in the session: looking at the first page
creates no session row (docs/data-protection.md, "Answers in the browser session").
"""

import copy

from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.storage.session import SessionStorage

from .idle import session_expires_with_the_window


class ChangedOnlySessionStorage(SessionStorage):
    def __init__(self, *args, **kwargs):
        BaseStorage.__init__(self, *args, **kwargs)
        session = self.request.session
        self._created = self.prefix not in session
        if self._created:  # a new, empty wizard is no change to the session (yet)
            session._session[self.prefix] = {
                self.step_key: None,
                self.step_data_key: {},
                self.step_files_key: {},
                self.extra_data_key: {},
            }
        self._loaded = copy.deepcopy(session[self.prefix])

    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def update_response(self, response):
        super().update_response(response)
        if getattr(response, "is_rendered", True):
            self._settle()
        else:  # a TemplateResponse, rendered after this: its template reads the data
            response.add_post_render_callback(lambda _response: self._settle())

    def _settle(self):
        if not self.data[self.step_data_key]:
            if self._created and not self.request.session.modified:
                self.request.session._session.pop(self.prefix, None)
            else:
                self.request.session.pop(self.prefix, None)
        elif self.request.session.get(self.prefix) != self._loaded:
            session_expires_with_the_window(self.request.session)

"""The inbox's searches, kept out of the URL (docs/data-protection.md, "Nothing personal
in addresses and logs").

A search by name or national number is posted, kept in the staff member's session under
a short random id, and the list is shown at ``?search=<id>``: the address (which web
servers, proxies and the browser's history keep) carries the id, never what was
searched. Filters without personal data (state, dates, deadlines) stay plain query
parameters, which the counters link to; a ``q`` in the address is ignored.
"""

import secrets

from django.http import QueryDict

SESSION_KEY = "backoffice_searches"
KEPT = 20  # the session keeps the latest searches only
PERSONAL = "q"


def search_store(session, data: dict[str, str]) -> str:
    """Keep the filters of a search in the session; its id."""
    searches = dict(session.get(SESSION_KEY, {}))
    search_id = secrets.token_urlsafe(6)
    searches[search_id] = data
    session[SESSION_KEY] = dict(list(searches.items())[-KEPT:])
    return search_id


def filters_data(request) -> QueryDict | dict | None:
    """The filters of this inbox address: a kept search, or the query parameters
    without ``q``; None for a search the session no longer has."""
    search_id = request.GET.get("search")
    if search_id:
        return request.session.get(SESSION_KEY, {}).get(search_id)
    data = request.GET.copy()
    data.pop(PERSONAL, None)
    data.pop("page", None)
    return data


def results_query(session, form) -> str:
    """Where the list of a posted, valid filter form is shown (its query string)."""
    raw = {name: form.data.get(form.add_prefix(name), "") for name in form.fields}
    # Empty fields are left out, but not the state: "" is "all", not "to do".
    data = {name: value for name, value in raw.items() if value or name == "state"}
    if data.get(PERSONAL, "").strip():
        return "search=" + search_store(session, data)
    query = QueryDict(mutable=True)
    query.update({name: value for name, value in data.items() if name != PERSONAL})
    return query.urlencode()

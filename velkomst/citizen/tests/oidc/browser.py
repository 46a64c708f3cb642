"""The browser of the MitID sign-in tests: a ``requests`` session that follows every redirect and
answers the test provider's development forms as a person would (CIT-1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from urllib.parse import urljoin

import requests

_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.IGNORECASE)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.IGNORECASE)


def walk(
    browser: requests.Session,
    url: str,
    *,
    login: str,
    stop: Callable[[str], bool] | None = None,
) -> tuple[requests.Response | None, str]:
    """A person's way from ``url`` (Velkomst's MitID button) through the provider and back:
    every redirect followed, the provider's development forms answered (``login``, the CPR
    number, and any password typed into the login form; the consent form confirmed). Stops at
    the first URL that ``stop`` accepts, unvisited. Returns (the last response, its URL)."""
    response: requests.Response | None = None
    method, data = "GET", None
    for _ in range(20):
        if method == "GET" and stop is not None and stop(url):
            return response, url
        response = browser.request(method, url, data=data, allow_redirects=False, timeout=10)
        method, data = "GET", None
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            continue
        form = _FORM.search(response.text) if "/interaction/" in url else None
        if form is None:
            return response, url
        data = {name: unescape(value) for name, value in _HIDDEN.findall(response.text)}
        if data.get("prompt") == "login":
            data.update(login=login, password="any")  # noqa: S106 (the dev form takes any)
        method, url = "POST", urljoin(url, unescape(form.group(1)))
    raise AssertionError(f"too many steps on the way to {url}")

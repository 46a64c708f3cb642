"""A real OpenID Connect provider for the MitID sign-in tests (CIT-1): the npm package
oidc-provider, run by ``oidc_provider.mjs`` beside this file on a free port for the test session,
with one client whose redirect URI is the live test server's callback. Nothing is downloaded at
test time: the package comes from ``npm ci`` (package.json's devDependencies)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

REPO = Path(__file__).resolve().parents[4]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "velkomst-test"
CLIENT_SECRET = "a-test-secret-that-is-long-enough-0123456789"  # noqa: S105 (the test's own)
CPR_CLAIM = "dk.cpr"
START_TIMEOUT_SECONDS = 20


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_discovery(provider: Provider) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    url = f"{provider.issuer}/.well-known/openid-configuration"
    while time.monotonic() < deadline:
        if provider.process.poll() is not None:
            output = provider.process.stdout.read().decode() if provider.process.stdout else ""
            pytest.fail(f"the test OpenID Connect provider stopped at its start:\n{output}")
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the test OpenID Connect provider did not answer on {url}")


@pytest.fixture(scope="session")
def oidc_provider(live_server: Any) -> Iterator[Provider]:
    """The provider, started once for the session and stopped afterwards."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider is not installed: run `npm ci` in the repository root")
    port = _free_port()
    env = {
        **os.environ,
        "OIDC_TEST_PORT": str(port),
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_TEST_REDIRECT_URI": f"{live_server.url}/borger/mitid/callback/",
        "OIDC_TEST_CPR_CLAIM": CPR_CLAIM,
        "NODE_NO_WARNINGS": "1",
    }
    process = subprocess.Popen(  # noqa: S603 (a fixed script of this repository)
        [node, str(SCRIPT)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    provider = Provider(issuer=f"http://127.0.0.1:{port}", process=process)
    try:
        _wait_for_discovery(provider)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def mitid(oidc_provider: Provider, settings: Any) -> Provider:
    """Velkomst's MitID settings pointed at the test provider."""
    settings.VELKOMST_OIDC_ISSUER = oidc_provider.issuer
    settings.VELKOMST_OIDC_CLIENT_ID = CLIENT_ID
    settings.VELKOMST_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.VELKOMST_OIDC_CPR_CLAIM = CPR_CLAIM
    settings.VELKOMST_OIDC_SCOPES = "openid mitid ssn"
    return oidc_provider

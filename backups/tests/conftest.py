import pytest

from backups import archive


@pytest.fixture(autouse=True)
def _cheap_key_derivation(monkeypatch):
    # A second of scrypt per archive is right for real backups, not for every test.
    monkeypatch.setattr(archive, "SCRYPT_N", 2**12)


@pytest.fixture(autouse=True)
def _keep_the_key_verdict():
    # A restore forgets the process's key verdict; the next module must not pay for it
    # inside a query count (see conftest.py).
    from vault import custody

    saved = custody._last
    yield
    custody._last = saved


@pytest.fixture
def admin(world):
    from backups.tests.helpers import make_admin

    return make_admin(world)

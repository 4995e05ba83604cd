"""Benchmarks print `BENCH <name> <value> <unit>` lines; `make bench` runs them, `make test` not."""

import pytest
from django.db import connection


def bench(name: str, value: float, unit: str) -> None:
    shown = str(value) if isinstance(value, int) else f"{value:.{0 if value >= 100 else 2}f}"
    print(f"\nBENCH {name} {shown} {unit}", flush=True)


@pytest.fixture
def database_vendor():
    return connection.vendor

"""The abuse scenario's helpers (benchmarks/over_http_abuse.py): how it spreads its clients
over addresses."""

import pytest

from benchmarks.over_http_abuse import address_arguments, client_addresses


def test_client_addresses_are_consecutive_and_distinct():
    assert client_addresses("10.1.0.254", 4) == ["10.1.0.254", "10.1.0.255", "10.1.1.0", "10.1.1.1"]
    assert len(set(client_addresses("10.1.0.1", 1000))) == 1000


def test_each_thread_gets_its_share_of_the_addresses():
    addresses = client_addresses("10.66.0.1", 5)

    assert address_arguments(addresses, 2) == [
        "from=10.66.0.1,10.66.0.3,10.66.0.5",
        "from=10.66.0.2,10.66.0.4",
    ]
    # One address a thread: each abuser is one client with an address of its own.
    assert address_arguments(addresses, 5) == [f"from={a}" for a in addresses]


def test_fewer_addresses_than_threads_is_refused():
    with pytest.raises(ValueError, match="2 addresses for 3 threads"):
        address_arguments(client_addresses("10.0.0.1", 2), 3)

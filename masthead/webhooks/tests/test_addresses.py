"""The SSRF rule: which URLs may be called, with the setting off (the default)."""

import pytest

from masthead.webhooks.addresses import UnsafeURL, check_url, is_public


@pytest.fixture(autouse=True)
def _rule_on(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8725/hook",
        "http://127.9.9.9/",
        "http://10.1.2.3/",
        "http://172.16.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::]/",
        "http://localhost:8725/",
        "https://2130706433/",  # 127.0.0.1 written as one number
        "http://0x7f.1/",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url):
    with pytest.raises(UnsafeURL, match="public internet addresses"):
        check_url(url)


@pytest.mark.parametrize(
    "url,message",
    [
        ("ftp://example.com/", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("gopher://127.0.0.1:70/", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("example.com/hook", "Only http:// and https://"),
        ("http://user:pw@example.com/", "no user name or password"),
        ("http:///nohost", "no host name"),
        ("http://example.com:99999/", "port"),
        ("http://example.com:0/", "port"),
        ("http://example.com/a b", "spaces"),
        ("http://example.com/\r\nX-Evil: 1", "spaces or control characters"),
        ("http://example.com/#top", "fragment"),
        ("https://example.com/" + "a" * 2000, "at most 2000"),
        ("", "at most 2000"),
    ],
)
def test_malformed_urls_are_refused_with_a_reason(url, message):
    with pytest.raises(UnsafeURL, match=message):
        check_url(url)


def test_public_addresses_pass():
    for address in ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::1"]:
        assert is_public(address), address
    target = check_url("https://93.184.216.34:8443/in?x=1")
    assert (target.scheme, target.host, target.port, target.path, target.ip) == (
        "https",
        "93.184.216.34",
        8443,
        "/in?x=1",
        "93.184.216.34",
    )


def test_the_setting_lets_local_receivers_through(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    assert check_url("http://127.0.0.1:8725/hook").ip == "127.0.0.1"
    with pytest.raises(UnsafeURL):  # still only http and https
        check_url("file:///etc/passwd")

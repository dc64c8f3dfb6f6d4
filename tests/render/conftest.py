"""Fixtures for the render tests."""

import pytest

from desk.links import Whitelist, parse_whitelist

WHITELIST_TEXT = """\
gov.cn
=mp.weixin.qq.com
"""


@pytest.fixture(scope="session")
def whitelist() -> Whitelist:
    return parse_whitelist(WHITELIST_TEXT, source="render-test-whitelist")

"""The whitelist every links test judges against."""

import pytest

from desk.links import Whitelist, parse_whitelist

WHITELIST_TEXT = """\
# 审校台测试白名单
gov.cn                    # every *.gov.cn host (gov.cn is itself a public suffix)
=mp.weixin.qq.com         # this host only
*.example.org
example.com/path/         # only this path prefix
docs.example.net/guide    # segment prefix without trailing slash
例子.中国                  # IDN, stored as punycode
t.cn                      # a shortener named without '=': still suspicious
=dwz.cn                   # a shortener the desk explicitly trusts
"""


@pytest.fixture(scope="session")
def whitelist() -> Whitelist:
    return parse_whitelist(WHITELIST_TEXT, source="test-whitelist")

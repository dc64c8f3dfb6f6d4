"""Reason ids of link verdicts and hiding, in words a reviewer reads."""

from __future__ import annotations

from collections.abc import Iterable

REASON_LABELS: dict[str, str] = {
    "whitelisted": "在白名单内",
    "relative": "站内相对链接",
    "embedded": "稿件内嵌的图片，随稿件发布",  # desk.review.links: a picture, not a link
    "not-whitelisted": "不在可信域名白名单内",
    "non-http": "非网页链接",
    "unparseable": "无法解析的网址",
    "empty-label": "域名中有空段",
    "scheme": "危险的协议（javascript:/data: 等）",
    "userinfo": "网址含用户名@，真实主机不是@前的域名",
    "ip-host": "以 IP 地址为主机",
    "encoded-host": "主机名被百分号编码",
    "punycode": "国际化域名（punycode）",
    "mixed-script": "域名混用多种文字，疑似仿冒",
    "shortener": "短网址，无法确认真实去向",
    "redirect-param": "参数跳转到白名单以外的网站",
    "control-chars": "网址含控制字符或不可见字符",
    "text-href-mismatch": "显示的网址与实际链接不一致（伪链）",
    "disguised-host": "网址里写着可信域名，实际去向另一网站（伪链）",
    "hidden-scheme": "协议前藏有空格或不可见字符（javascript: 等）",
    "empty-host": "网址没有主机名",
    "hidden": "隐藏链接（暗链）",
}
HIDDEN_LABELS: dict[str, str] = {
    "display-none": "display:none",
    "visibility-hidden": "visibility:hidden",
    "opacity-zero": "透明度为 0",
    "font-size-zero": "字号为 0",
    "zero-size": "宽高为 0",
    "off-screen": "定位到屏幕之外",
    "text-indent": "文字缩进到屏幕之外",
    "same-color": "文字与背景同色",
    "hidden-attribute": "hidden 属性",
    "tiny-marquee": "极小的滚动框",
    "noscript": "位于 noscript 中",
    "no-text": "链接没有可见文字",
}

_ANCESTOR = "ancestor:"


def describe(reasons: Iterable[str]) -> str:
    """Reason ids as one Chinese phrase; hiding inherited from a parent says so once."""
    words: list[str] = []
    for reason in reasons:
        inherited = reason.startswith(_ANCESTOR)
        reason = reason.removeprefix(_ANCESTOR)
        word = REASON_LABELS.get(reason) or HIDDEN_LABELS.get(reason, reason)
        word = f"{word}（在上级元素上）" if inherited else word
        if word not in words:
            words.append(word)
    return "；".join(words)

"""Render benchmark: link verdicts and the full render on ~1 MB of government HTML.

    .venv/bin/python bench/bench_render.py [--megabytes 1] [--repeat 5]

Input: the reference corpus (resources/corpus) as a portal article would carry them: headings,
paragraphs, tables and lists, with links every few paragraphs (trusted gov.cn, untrusted
hosts, shorteners, 伪链, hidden 暗链 in a display:none block, javascript:) and images
(trusted remote, untrusted remote, docx-style data: URIs, images without alt).

Measured in this one process and run, best of --repeat:

* links: ``extract_links_from_html`` + ``judge`` for every link found (what a check of
  the page costs), and the same with one ``judge`` per distinct (url, text);
* render: ``render_html`` end to end (parse, visibility, verdicts, rewrite, nh3, hash,
  template);
* baseline: ``nh3.clean`` alone on the same input with the same allow-list.

Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import re

from _common import best_of, corpus_texts, machine

WHITELIST = """\
gov.cn
=mp.weixin.qq.com
"""
_HEADING_RE = re.compile(r"^(?:第[一二三四五六七八九十百零]+[章条]|[一二三四五六七八九十]+、|附件)")
_PNG = base64.b64encode(
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
).decode()
LINKS = [
    ('<a href="https://www.gov.cn/zhengce/content/{n}.htm">国务院文件</a>', 6),
    ('<a href="http://www.hangzhou.gov.cn/art/2022/{n}.html">杭州市人民政府</a>', 4),
    ('<a href="/zwgk/{n}.html">本站链接</a>', 3),
    ('<a href="https://mp.weixin.qq.com/s/{n}">公众号文章</a>', 2),
    ('<a href="http://www.example-news.com/a/{n}.html">新闻来源</a>', 2),
    ('<a href="https://t.cn/A6{n}">短链接</a>', 1),
    ('<a href="https://www.gov.cn.evil-site.top/{n}">www.gov.cn</a>', 1),
    ('<a href="https://www.gov.cn/">https://www.gov.cn.fake.com/</a>', 1),
    ('<a href="javascript:alert({n})">点击</a>', 1),
    ('<a href="http://192.168.1.{m}/admin">内网</a>', 1),
]
HIDDEN = (
    '<div style="display:none"><a href="http://www.casino-{n}.com/">澳门博彩</a>'
    '<a href="https://bc{n}.top/">线上娱乐</a></div>'
)
IMAGES = [
    '<img src="https://www.gov.cn/images/{n}.jpg" alt="示意图">',
    '<img src="http://img.example-cdn.com/{n}.png" alt="外部图片">',
    '<img src="data:image/png;base64,' + _PNG + '" alt="内嵌图片">',
    '<img src="http://www.hangzhou.gov.cn/pic/{n}.png">',
]


def build_html(megabytes: float) -> str:
    seeds = corpus_texts()
    lines = [line.strip() for seed in seeds for line in seed.splitlines() if line.strip()]
    target = int(megabytes * 1_000_000)
    parts = ['<html><head><meta charset="utf-8"><title>政务公开</title></head><body>\n']
    size = len(parts[0].encode("utf-8"))
    weighted = [template for template, weight in LINKS for _ in range(weight)]
    n = 0
    while size < target:
        line = lines[n % len(lines)]
        n += 1
        text = html.escape(line, quote=False)
        if _HEADING_RE.match(line) and len(line) < 40:
            chunk = f"<h2>{text}</h2>\n"
        elif n % 97 == 0:
            chunk = (
                "<table><thead><tr><th>序号</th><th>事项</th><th>责任单位</th></tr></thead>"
                f"<tbody><tr><td>1</td><td>{text[:30]}</td><td>区政府办公室</td></tr>"
                f'<tr><td colspan="2">合计</td><td>1</td></tr></tbody></table>\n'
            )
        elif n % 53 == 0:
            chunk = f"<ul><li>{text[:40]}</li><li>{text[40:80] or '其他事项'}</li></ul>\n"
        else:
            link = weighted[n % len(weighted)].format(n=n % 400, m=n % 250)
            cut = len(text) // 2
            chunk = f'<p style="text-indent:2em">{text[:cut]}{link}{text[cut:]}</p>\n'
            if n % 31 == 0:
                chunk += HIDDEN.format(n=n % 50) + "\n"
            if n % 41 == 0:
                chunk += f"<p>{IMAGES[n % len(IMAGES)].format(n=n % 300)}</p>\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    parts.append("</body></html>\n")
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import nh3

    from desk.links import extract_links_from_html, judge, parse_whitelist
    from desk.links.psl import registrable_domain
    from desk.render import VerdictCache, render_html
    from desk.render.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

    source = build_html(args.megabytes)
    megabytes = len(source.encode("utf-8")) / 1e6
    whitelist = parse_whitelist(WHITELIST)
    registrable_domain("www.gov.cn")  # load the public suffix list outside the timings

    def links_every(page: str = source) -> int:
        found = extract_links_from_html(page)
        for link in found:
            judge(link.url, whitelist, text=link.text)
        return len(found)

    # Pasted pages often carry a <style> block: hiding rules then need a second parse.
    styled = "<style>.note{color:#333}.hide{display:none}</style>\n" + source

    def links_cached() -> int:
        verdicts = VerdictCache(whitelist)
        found = extract_links_from_html(source)
        for link in found:
            verdicts(link.url, link.text)
        return len(found)

    def render() -> object:
        return render_html(source, whitelist=whitelist, title="政务公开工作制度")

    def baseline() -> str:
        return nh3.clean(
            source,
            tags=set(ALLOWED_TAGS),
            attributes={"*": set(), **{t: set(a) for t, a in ALLOWED_ATTRIBUTES.items()}},
            url_schemes={"http", "https"},
            link_rel=None,
        )

    links_time, link_count = best_of(args.repeat, links_every)
    styled_time, _ = best_of(args.repeat, lambda: links_every(styled))
    cached_time, _ = best_of(args.repeat, links_cached)
    render_time, result = best_of(args.repeat, render)
    nh3_time, _ = best_of(args.repeat, baseline)
    anchors = source.count("<a ")
    images = source.count("<img ")
    stats = result.stats  # type: ignore[attr-defined]

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    def verdict(seconds: float, target_ms: int) -> str:
        return "met" if seconds * 1000 <= target_ms else "**missed**"

    today = datetime.date.today().isoformat()
    print(f"### Render ({today})\n")
    print(f"Command: `.venv/bin/python bench/bench_render.py --repeat {args.repeat}`  ")
    print(f"Machine: {machine()}  ")
    print(
        f"Input: {megabytes:.2f} MB of HTML from the seeds, {anchors} anchors "
        f"({link_count} links extracted incl. images), {images} images\n"
    )
    print(f"| measure | best of {args.repeat} | target |")
    print("| --- | --- | --- |")
    print(
        f"| links: extract_links_from_html + judge for every link | {ms(links_time)} "
        f"| ≤ 200 ms ({verdict(links_time, 200)}) |"
    )
    print(
        f"| links, the same page with a `<style>` block | {ms(styled_time)} "
        f"| ≤ 200 ms ({verdict(styled_time, 200)}) |"
    )
    print(f"| links, one judge per distinct (url, text) | {ms(cached_time)} | |")
    print(
        f"| full render (parse, verdicts, rewrite, nh3, hash, template) | {ms(render_time)} "
        f"| ≤ 500 ms ({verdict(render_time, 500)}) |"
    )
    print(f"| baseline: nh3.clean alone, same allow-list | {ms(nh3_time)} | |")
    print(
        f"\nRender: links kept {stats.links_kept}, de-linked {stats.links_delinked}, "
        f"hidden removed {stats.hidden_links}; images kept {stats.images_kept}, "
        f"localized {stats.images_localized}, removed {stats.images_removed}, "
        f"without alt {stats.images_without_alt}; render = "
        f"{render_time / nh3_time:.1f}× nh3 alone."
    )


if __name__ == "__main__":
    main()

"""Links judged, hidden content dropped, images kept / localized / replaced."""

import base64
import hashlib
import os
import zipfile

import pytest

from desk.documents.loader import load_document
from desk.render import render_document, render_html
from desk.render.images import LocalImages, decode_data_uri, image_extension
from tests.render.inert import assert_inert, png_bytes
from tests.render.sample_images import BMP, GIF, JPEG, SAMPLES, WEBP_LOSSLESS, WEBP_LOSSY

PNG = png_bytes()
PNG_NAME = hashlib.sha256(PNG).hexdigest() + ".png"


def body(source, whitelist, **options):
    return render_html(source, whitelist=whitelist, template="bare", **options).body


def rules(result):
    return [note.rule for note in result.notes]


# -- links -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "text"),
    [
        ('<a href="http://www.example.com/news">新闻</a>', "新闻"),
        ('<a href="https://t.cn/A6abc">短链接</a>', "短链接"),  # shortener: suspicious
        ('<a href="https://www.gov.cn.evil.top/">国务院</a>', "国务院"),  # lookalike host
        (
            '<a href="https://www.gov.cn/">https://www.gov.cn.fake.com/</a>',
            "https://www.gov.cn.fake.com/",
        ),  # 伪链
        ('<a href="http://192.168.1.1/admin">后台</a>', "后台"),  # ip-host
        ('<a href="mailto:a@b.cn">写信</a>', "写信"),  # non-http: untrusted
        ('<a href="https://www.gov.cn/?url=http://evil.com/">跳转</a>', "跳转"),  # redirect-param
        ('<a href="http://exa mple.com/">坏</a>', "坏"),  # invalid
        ('<a href="https://www.gov.cn/x">政<b>府</b>网</a>', None),  # control: kept (see below)
    ],
)
def test_untrusted_links_are_delinked_to_their_text(anchor, text, whitelist):
    result = render_html(f"<p>见{anchor}。</p>", whitelist=whitelist, template="bare")
    if text is None:
        assert result.body == '<p>见<a href="https://www.gov.cn/x">政<b>府</b>网</a>。</p>'
        assert result.stats.links_kept == 1 and "render.link-delinked" not in rules(result)
        return
    assert "<a" not in result.body
    escaped = text.replace("&", "&amp;")
    assert result.body == f"<p>见{escaped}。</p>"
    assert result.stats.links_delinked == 1 and rules(result) == ["render.link-delinked"]


def test_delinked_text_is_escaped_and_keeps_its_formatting(whitelist):
    html = '<p><a href="http://evil.com/">&lt;b&gt;粗&lt;/b&gt; <em>斜</em></a></p>'
    assert body(html, whitelist) == "<p>&lt;b&gt;粗&lt;/b&gt; <em>斜</em></p>"


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"),
        ("HTTPS://WWW.GOV.CN/a b", "https://www.gov.cn/a%20b"),  # as the browser will follow it
        ("//www.gov.cn/x", "https://www.gov.cn/x"),
        ("https://mp.weixin.qq.com/s/abc", "https://mp.weixin.qq.com/s/abc"),
        ("/zwgk/a.html", "/zwgk/a.html"),
        ("  a.html?x=1&y=2 ", "a.html?x=1&amp;y=2"),
        ("#top", "#top"),
    ],
)
def test_trusted_and_relative_links_keep_their_href(href, written, whitelist):
    html = f'<p><a href="{href}" title="t" target="_blank" rel="opener">链接</a></p>'
    assert body(html, whitelist) == f'<p><a href="{written}">链接</a></p>'


def test_empty_whitelist_trusts_only_relative_links():
    from desk.links import Whitelist

    result = render_html(
        '<p><a href="https://www.gov.cn/">国务院</a><a href="/a.html">本站</a></p>',
        whitelist=Whitelist(()),
        template="bare",
    )
    assert result.body == '<p>国务院<a href="/a.html">本站</a></p>'


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="http://casino.com/" style="display:none">澳门赌场</a>',
        '<div style="display:none"><a href="http://casino.com/">澳门赌场</a></div>',
        '<style>.x{display:none}</style><span class="x"><a href="http://casino.com/">澳门赌场</a></span>',
        '<a href="http://casino.com/" style="font-size:0">澳门赌场</a>',
        '<a href="http://casino.com/" style="color:#fff;background:#fff">澳门赌场</a>',
        '<div style="position:absolute;left:-9999px"><a href="http://casino.com/">澳门赌场</a></div>',
        '<a href="http://casino.com/" hidden>澳门赌场</a>',
        '<marquee height=1><a href="http://casino.com/">澳门赌场</a></marquee>',
        '<div style="height:0;overflow:hidden"><a href="https://www.gov.cn/">澳门赌场</a></div>',
    ],
)
def test_hidden_links_are_removed_with_their_text(markup, whitelist):
    result = render_html(f"<p>正文{markup}结束</p>", whitelist=whitelist, template="bare")
    assert "澳门赌场" not in result.html and "casino" not in result.body
    assert result.body == "<p>正文结束</p>"
    assert result.stats.hidden_links == 1
    assert "render.hidden-removed" in rules(result)


def test_hidden_text_goes_but_a_child_that_undoes_the_hiding_stays(whitelist):
    html = (
        '<p>甲<span style="visibility:hidden">乙<span style="visibility:visible">丙</span></span>'
        '丁<span style="font-size:0">戊</span></p>'
    )
    result = render_html(html, whitelist=whitelist, template="bare")
    assert result.body == "<p>甲丙丁</p>"
    assert result.stats.hidden_elements == 2


def test_empty_links_are_removed(whitelist):
    result = render_html('<p>a<a href="https://www.gov.cn/"> </a>b</p>', whitelist=whitelist)
    assert result.body == "<p>a b</p>"
    assert rules(result) == ["render.empty-link"]


def test_a_link_around_an_image_is_kept_when_trusted(whitelist):
    html = '<p><a href="https://www.gov.cn/"><img src="https://www.gov.cn/logo.png" alt="国徽"></a></p>'
    assert body(html, whitelist) == (
        '<p><a href="https://www.gov.cn/"><img src="https://www.gov.cn/logo.png" alt="国徽"></a></p>'
    )


def test_verdicts_are_computed_once_per_distinct_link(whitelist, monkeypatch):
    import desk.render.links as links

    calls = []
    real = links.judge

    def counting(url, wl, **kwargs):
        calls.append(url)
        return real(url, wl, **kwargs)

    monkeypatch.setattr(links, "judge", counting)
    html = '<p><a href="https://www.gov.cn/">国务院</a></p>' * 50 + '<p><a href="/a">本站</a></p>'
    result = render_html(html, whitelist=whitelist)
    assert result.stats.links_kept == 51
    assert sorted(calls) == ["/a", "https://www.gov.cn/"]


# -- images ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src",
    [
        "http://img.example.com/a.png",
        "https://www.gov.cn.evil.top/a.png",
        "https://t.cn/img",
        "http://10.0.0.1/a.png",
    ],
)
def test_remote_images_from_untrusted_hosts_become_a_placeholder(src, whitelist):
    result = render_html(f'<p><img src="{src}" alt="图"></p>', whitelist=whitelist)
    assert result.body == '<p><span class="desk-removed-image">[已移除外部图片：图]</span></p>'
    assert src not in result.html  # not in the placeholder, not in the CSP either
    assert result.stats.images_removed == 1 and rules(result) == ["render.image-removed"]
    assert src in result.notes[0].message and result.notes[0].source == src
    assert_inert(result.html, styles=1)


@pytest.mark.parametrize(
    ("markup", "placeholder"),
    [
        ("<img src='{src}'>", "[已移除外部图片]"),
        ("<img src='{src}' alt='  '>", "[已移除外部图片]"),
        ("<img src='{src}' alt='会议\n现场\u202e照片'>", "[已移除外部图片：会议 现场照片]"),
        ("<img src='{src}' alt='<b>&amp;'>", "[已移除外部图片：&lt;b&gt;&amp;]"),
        ("<img src='x.png' alt='图'>", "[已移除图片：图]"),  # no such local file
    ],
)
def test_placeholder_names_the_picture_by_its_alt_never_by_its_address(
    markup, placeholder, whitelist
):
    src = "http://evil.com/网上赌博开户.png?q=<script>alert(1)</script>&x=" + "y" * 200
    result = render_html(f"<p>{markup.format(src=src)}</p>", whitelist=whitelist)
    assert result.body == f'<p><span class="desk-removed-image">{placeholder}</span></p>'
    note = result.notes[0]
    assert note.rule == "render.image-removed" and note.severity == "warn"
    assert "赌博" not in result.html and "<script" not in result.html
    if "evil.com" in markup.format(src=src):
        assert "网上赌博开户.png" in note.message and note.message.endswith("…")


def test_trusted_remote_images_are_kept_and_allowed_by_the_csp(whitelist):
    result = render_html(
        '<p><img src="https://www.gov.cn/a.png" alt="示意图" width="300" height="abc" '
        'srcset="http://evil.com/b.png 2x" style="border:0"></p>',
        whitelist=whitelist,
    )
    assert result.body == '<p><img src="https://www.gov.cn/a.png" alt="示意图" width="300"></p>'
    assert "img-src 'self' https://www.gov.cn;" in result.html
    assert result.stats.images_kept == 1


def test_a_trusted_host_the_csp_cannot_name_is_not_kept(whitelist):
    result = body('<p><img src="http://a;script-src.gov.cn/x.png" alt="x"></p>', whitelist)
    assert "desk-removed-image" in result


def test_local_images_are_copied_into_the_assets_folder(tmp_path, whitelist):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "图 1.png").write_bytes(PNG)
    (tmp_path / "b.png").write_bytes(PNG)
    draft = tmp_path / "draft.html"
    draft.write_text(
        '<p><img src="images/%E5%9B%BE%201.png" alt="一"><img src="b.png?v=2" alt="二">'
        f'<img src="{(tmp_path / "b.png").as_uri()}" alt="三"></p>',
        encoding="utf-8",
    )
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "out" / "文章.html"
    )
    assert result.assets_dir == "assets"
    assert dict(result.assets) == {PNG_NAME: PNG}
    prefix = "assets/"
    assert result.body == (
        f'<p><img src="{prefix}{PNG_NAME}" alt="一"><img src="{prefix}{PNG_NAME}" alt="二">'
        f'<img src="{prefix}{PNG_NAME}" alt="三"></p>'
    )
    assert result.stats.images_localized == 3
    assert_inert(result.html, styles=1, asset_prefix=prefix)


@pytest.mark.parametrize(
    ("name", "data", "src"),
    [
        ("notes.png", b"not an image at all", "notes.png"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "drawing.svg",
        ),
        ("a.png", PNG, "missing.png"),
        ("a.png", PNG, "file://fileserver/share/a.png"),
        ("a.png", PNG, "cid:image001.png@01D"),
        ("a.png", PNG, "C:\\Users\\desk\\a.png"),
    ],
)
def test_local_images_that_cannot_be_published_become_a_placeholder(
    tmp_path, whitelist, name, data, src
):
    (tmp_path / name).write_bytes(data)
    draft = tmp_path / "draft.html"
    draft.write_text(f'<p><img src="{src}" alt="图"></p>', encoding="utf-8")
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "o.html"
    )
    assert result.assets == {}
    assert result.body.startswith('<p><span class="desk-removed-image">[已移除图片：')
    assert result.stats.images_removed == 1


def test_a_non_image_outside_the_draft_folder_is_never_copied(tmp_path, whitelist):
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2", encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "a.html"
    draft.write_text(
        f'<img src="../secret.txt"><img src="{secret.as_uri()}"><img src="/etc/passwd">',
        encoding="utf-8",
    )
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=folder / "o.html"
    )
    assert result.assets == {} and result.stats.images_removed == 3


def test_data_uri_images_are_decoded_into_assets(whitelist):
    data_uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    result = render_html(
        f'<p><img alt="图" src="{data_uri}"></p>', whitelist=whitelist, assets_dir="o_assets"
    )
    assert result.body == f'<p><img src="o_assets/{PNG_NAME}" alt="图"></p>'
    assert result.assets == {PNG_NAME: PNG}
    assert "data:" not in result.html


def docx_with_image(path, png, descr='descr="示意图" '):
    """A real .docx whose second paragraph is an embedded picture (as Word writes it)."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    document_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
        "</Relationships>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>'
        "<w:p><w:r><w:t>图片如下</w:t></w:r></w:p>"
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/>'
        f'<wp:docPr id="1" name="Picture 1" {descr}/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", document_rels)
        archive.writestr("word/media/image1.png", png)
    return path


def test_docx_embedded_images_are_localized(tmp_path, whitelist):
    draft = docx_with_image(tmp_path / "稿件.docx", PNG)
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "a.html"
    )
    assert result.body == f'<p>图片如下</p><p><img src="assets/{PNG_NAME}" alt="示意图"></p>'
    assert result.assets == {PNG_NAME: PNG}
    assert rules(result) == ["render.image-localized"]


def test_docx_image_without_description_is_reported(tmp_path, whitelist):
    draft = docx_with_image(tmp_path / "稿件.docx", PNG, descr="")
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "a.html"
    )
    assert "render.image-no-alt" in rules(result)


@pytest.mark.parametrize(
    ("img", "reported"),
    [
        ('<img src="https://www.gov.cn/a.png">', True),
        ('<img src="https://www.gov.cn/a.png" alt="">', True),
        ('<img src="https://www.gov.cn/a.png" alt="  ">', True),
        ('<img src="https://www.gov.cn/a.png" alt="国务院常务会议现场">', False),
        ('<img src="http://evil.com/a.png">', False),  # not published: nothing to describe
    ],
)
def test_images_without_alt_text_are_reported(img, reported, whitelist):
    result = render_html(f"<p>{img}</p>", whitelist=whitelist)
    no_alt = [note for note in result.notes if note.rule == "render.image-no-alt"]
    assert bool(no_alt) is reported
    assert result.stats.images_without_alt == int(reported)
    if reported:
        assert no_alt[0].severity == "warn" and no_alt[0].source == "https://www.gov.cn/a.png"


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (PNG, ".png"),
        (png_bytes(7, 5), ".png"),
        (JPEG, ".jpg"),
        (GIF, ".gif"),
        (WEBP_LOSSY, ".webp"),
        (WEBP_LOSSLESS, ".webp"),
        (BMP, ".bmp"),
        (JPEG + b"camera trailer", ".jpg"),
        (b"<svg></svg>", None),
        (b"\x01\x00\x00\x00 EMF", None),
        (b"RIFF\x10\x00\x00\x00WAVE", None),
        (b"", None),
    ],
)
def test_image_formats_are_recognised_by_their_bytes(data, extension):
    assert image_extension(data) == extension


def _with_byte(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + bytes([value]) + data[offset + 1 :]


@pytest.mark.parametrize(
    "data",
    [
        b"BM this is a note, not a bitmap",
        b"BM" + BMP[2:-4],  # its pixels cut short
        b"GIF89a\x01\x00\x01\x00",
        GIF[:-1],  # no trailer
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        JPEG[:-2],  # no end-of-image marker
        JPEG[: len(JPEG) // 2],
        b"RIFF\x10\x00\x00\x00WEBPVP8 ",
        WEBP_LOSSY[:-10],
        _with_byte(WEBP_LOSSLESS, 20, 0x00),  # VP8L signature broken
        b"\x89PNG\r\n\x1a\n" + b"text" * 10,
        PNG[:-12],  # no IEND
        _with_byte(PNG, 20, 0x07),  # IHDR altered: its CRC no longer matches
        png_bytes(7, 5)[:-25] + png_bytes(7, 5)[-12:],  # pixel data cut short
    ],
    ids=[
        "bm-text", "bmp-short", "gif-header", "gif-no-trailer", "jpeg-header", "jpeg-no-eoi",
        "jpeg-half", "webp-header", "webp-short", "webp-bad-vp8l", "png-text", "png-no-iend",
        "png-bad-crc", "png-short-pixels",
    ],
)  # fmt: skip
def test_bytes_that_only_start_like_an_image_are_not_one(data):
    assert image_extension(data) is None


def test_a_text_file_starting_with_bm_is_not_copied_as_a_bitmap(tmp_path, whitelist):
    (tmp_path / "note.bmp").write_text("BM 会议纪要：内部资料，请勿外传", encoding="utf-8")
    draft = tmp_path / "draft.html"
    draft.write_text('<p><img src="note.bmp" alt="图"></p>', encoding="utf-8")
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "o.html"
    )
    assert result.assets == {} and result.stats.images_removed == 1


@pytest.mark.parametrize("extension", sorted(SAMPLES))
def test_every_format_is_copied_from_the_draft_folder(tmp_path, whitelist, extension):
    (tmp_path / f"pic{extension}").write_bytes(SAMPLES[extension])
    draft = tmp_path / "draft.html"
    draft.write_text(f'<p><img src="pic{extension}" alt="图"></p>', encoding="utf-8")
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=tmp_path / "o.html"
    )
    assert list(result.assets.values()) == [SAMPLES[extension]]


def test_only_images_inside_the_draft_folder_are_copied(tmp_path, whitelist):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "photo.png").write_bytes(PNG)
    folder = tmp_path / "drafts"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "inside.png").write_bytes(png_bytes(2, 2))
    (folder / "link.png").symlink_to(outside / "photo.png")
    (folder / "images" / "up").symlink_to(outside)
    draft = folder / "a.html"
    draft.write_text(
        '<img src="../elsewhere/photo.png" alt="一">'
        f'<img src="{(outside / "photo.png").as_uri()}" alt="二">'
        '<img src="link.png" alt="三"><img src="images/up/photo.png" alt="四">'
        f'<img src="{(folder / "images" / "inside.png").as_uri()}" alt="五">',
        encoding="utf-8",
    )
    result = render_document(
        load_document(draft), whitelist=whitelist, output_path=folder / "o.html"
    )
    assert list(result.assets.values()) == [png_bytes(2, 2)]
    assert result.stats.images_removed == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_named_as_an_image_is_skipped_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    reader = LocalImages(tmp_path)
    assert reader("pipe.png") is None


@pytest.mark.parametrize(
    ("uri", "data"),
    [
        ("data:image/png;base64,iVBORw0K", b"\x89PNG\r\n"),
        ("data:image/png;base64,iVBO\nRw0K", b"\x89PNG\r\n"),
        ("DATA:image/gif;BASE64,R0lGODlh", b"GIF89a"),
        ("data:,GIF89a%01", b"GIF89a\x01"),
        ("data:image/png;base64,%%%", None),
        ("data:image/png;base64", None),
    ],
)
def test_data_uris_are_decoded(uri, data):
    assert decode_data_uri(uri) == data


def test_local_reader_reads_only_regular_files(tmp_path):
    (tmp_path / "dir.png").mkdir()
    (tmp_path / "a.png").write_bytes(PNG)
    reader = LocalImages(tmp_path)
    assert reader("a.png") == PNG and reader("./a.png#x") == PNG
    assert reader("dir.png") is None and reader("") is None and reader("?x") is None
    assert reader("https://www.gov.cn/a.png") is None


def test_hidden_tracking_pixels_are_removed_and_named(whitelist):
    result = render_html(
        '<p>正文<img src="http://evil.com/t.gif" width="1" height="1"></p>', whitelist=whitelist
    )
    assert result.body == "<p>正文</p>"
    (note,) = result.notes
    assert note.rule == "render.hidden-removed" and "http://evil.com/t.gif" in note.message


def test_the_content_hash_does_not_depend_on_the_output_name(tmp_path, whitelist):
    (tmp_path / "b.png").write_bytes(PNG)
    draft = tmp_path / "draft.html"
    draft.write_text('<p><img src="b.png" alt="图"></p>', encoding="utf-8")
    document = load_document(draft)
    first = render_document(document, whitelist=whitelist, output_path=tmp_path / "a" / "x.html")
    second = render_document(
        document, whitelist=whitelist, output_path=tmp_path / "b" / "文章.html"
    )
    assert first.content_hash == second.content_hash and first.html == second.html

"""`desk render`: turn a draft into the HTML page that will be published."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desk.commands.check import MAX_FINDINGS
from desk.commands.inputs import InputError, add_checker_options, checker_from
from desk.documents.loader import DocumentError, load_document
from desk.render import (
    TEMPLATES,
    RenderResult,
    TemplateError,
    assets_dir_for,
    render_document,
    write_result,
)

EXIT_OK, EXIT_BLOCKED, EXIT_ERROR = 0, 1, 2
_PROG = "desk render"


class _UsageError(Exception):
    """A problem with the command's inputs or output, said in terms the desk can act on."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "render",
        help="生成发布用的 HTML（净化、链接判定、图片本地化、内容哈希）",
        description=(
            "把稿件生成为发布用的 HTML 页面：去除脚本、样式和读者看不见的内容，"
            "不可信链接去掉链接保留文字，本地图片和内嵌图片复制到 assets/，"
            "不可信来源的外部图片以占位说明替代，写入内容 SHA-256。"
            "页面总会生成以供预览；退出码与 desk check 相同："
            "0 无屏蔽项；1 有屏蔽项（不得发布）；2 用法错误、文件无法读取或无法写入。"
        ),
    )
    parser.add_argument("file", metavar="FILE", help=".txt、.html 或 .docx 稿件")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.html", help="输出页面（图片放在 assets/）"
    )
    add_checker_options(parser)
    parser.add_argument("--template", choices=TEMPLATES, default="portal", help="页面模板")
    parser.add_argument("--title", metavar="TEXT", help="文章标题")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        document = load_document(args.file)
        checker = checker_from(args, _PROG)
        output = _output_path(Path(args.file), Path(args.output))
        result = render_document(
            document,
            whitelist=checker.whitelist,
            output_path=output,
            template=args.template,
            title=args.title,
        )
        try:
            write_result(result, output)
        except OSError as error:
            raise _UsageError(f"{output}: 无法写入（{error.strerror or error}）") from None
    except (DocumentError, InputError, _UsageError, TemplateError) as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return EXIT_ERROR
    _summary(result, output)
    # The title as published (whitespace collapsed), and the alt texts with the text.
    title = result.title if args.title is not None else None
    check = checker.check(document.text, title, document.html, document.layout, limit=MAX_FINDINGS)
    blocks = [finding for finding in check.findings if finding.severity == "block"]
    if check.blocking:
        print(f"有 {check.count('block')} 处屏蔽项，不得发布（用 desk check 查看详情）：")
        for finding in blocks:
            print(f"  [屏蔽] {finding.message}")
        if check.omitted.get("block"):
            print(f"  另有 {check.omitted['block']} 处屏蔽项未列出")
        return EXIT_BLOCKED
    return EXIT_OK


def _output_path(source: Path, output: Path) -> Path:
    """``output`` if a page may be written there: a regular file or nothing yet."""
    if output.is_dir() and not output.is_symlink():
        raise _UsageError(f"{output}: 是文件夹，请给出输出文件名（如 {output / 'index.html'}）")
    if os.path.lexists(output) and (output.is_symlink() or not output.is_file()):
        raise _UsageError(
            f"{output}: 不是普通文件（而是符号链接、设备或管道），不会覆盖它；"
            "请给出一个普通文件的路径"
        )
    if not output.parent.is_dir():
        raise _UsageError(f"{output}: 输出目录 {output.parent} 不存在")
    if output.resolve() == source.resolve():
        raise _UsageError(f"{output}: 输出文件就是稿件本身，请换一个文件名，以免覆盖稿件")
    assets = assets_dir_for(output)
    if os.path.lexists(assets) and (assets.is_symlink() or not assets.is_dir()):
        raise _UsageError(f"{assets}: 已有同名的文件或链接，无法存放图片资源")
    return output


def _summary(result: RenderResult, output: Path) -> None:
    stats = result.stats
    lines = [
        f"已生成 {output}（模板 {result.template}）",
        f"内容 SHA-256：{result.content_hash}",
        f"链接：保留 {stats.links_kept}，去掉链接 {stats.links_delinked}，"
        f"移除暗链/空链接 {stats.hidden_links}",
        f"图片：保留 {stats.images_kept}，本地化 {stats.images_localized}"
        + (f"（{result.assets_dir}/ 共 {len(result.assets)} 个文件）" if result.assets else "")
        + f"，移除 {stats.images_removed}，缺少替代文本 {stats.images_without_alt}",
    ]
    if stats.hidden_elements or stats.elements_removed:
        lines.append(
            f"移除读者看不见的内容 {stats.hidden_elements} 处，移除脚本/框架等元素 "
            f"{stats.elements_removed} 处"
        )
    if not result.title:
        lines.append("提示：未指定标题（--title）")
    labels = {"warn": "提醒", "info": "提示"}
    lines += [f"  [{labels[note.severity]}] {note.message}" for note in result.notes]
    sys.stdout.write("\n".join(lines) + "\n")

"""Decoding text files from Windows and Linux desks: UTF-8, UTF-16, GB18030/GBK."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UndecodableText(ValueError):
    """The bytes are not text in any encoding a desk uses."""


def decode_text(data: bytes) -> str:
    """Decode strictly: a BOM decides; else UTF-8; else GB18030 (a superset of GBK and GB2312).

    Nothing is replaced or guessed silently: bytes that fit none of these are an error
    that names where decoding failed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableText(
                    f"文件声明为 {encoding.upper()}，但第 {error.start + len(bom)} 字节处无法解码"
                ) from None
    if b"\x00" in data:
        raise UndecodableText("文件含有空字节，不是文本文件（可能是二进制文件或未标注的 UTF-16）")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise UndecodableText(
                f"无法识别文件编码：第 {utf8_error.start} 字节起既不是 UTF-8 也不是 GB18030/GBK，"
                "请在 WPS/记事本中另存为 UTF-8"
            ) from None

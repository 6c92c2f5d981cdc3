"""A small PDF text extractor for WeasyPrint output (tests only): object streams, ToUnicode CMaps."""

from __future__ import annotations

import re
import zlib

OBJ_RE = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    objects: dict[int, bytes] = {}
    for match in OBJ_RE.finditer(pdf):
        objects[int(match.group(1))] = match.group(2)
    # Objects inside object streams.
    for body in list(objects.values()):
        if b"/ObjStm" in body:
            head = body[: body.index(b"stream")]
            first = int(re.search(rb"/First (\d+)", head).group(1))
            data = _stream(body)
            pairs = [int(x) for x in data[:first].split()]
            offsets = list(zip(pairs[0::2], pairs[1::2], strict=True))
            for i, (objnum, offset) in enumerate(offsets):
                end = offsets[i + 1][1] if i + 1 < len(offsets) else len(data) - first
                objects[objnum] = data[first + offset : first + end]
    return objects


def _stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    if body[start : start + 2] == b"\r\n":
        start += 2
    elif body[start : start + 1] == b"\n":
        start += 1
    end = body.rindex(b"endstream")
    raw = body[start:end].rstrip(b"\r\n")
    if b"/FlateDecode" in body[: body.index(b"stream")]:
        return zlib.decompress(raw)
    return raw


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(base + offset)
    return mapping


def _ref(body: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
    return int(match.group(1)) if match else None


def _dict_entries(body: bytes) -> dict[bytes, int]:
    return {name: int(num) for name, num in re.findall(rb"/([A-Za-z0-9_.+-]+)\s+(\d+) 0 R", body)}


def extract_text(pdf: bytes) -> str:
    objects = _objects(pdf)
    pages = [body for body in objects.values() if re.search(rb"/Type\s*/Page\b", body)]
    lines: list[str] = []
    for page in pages:
        resources = page
        res_ref = _ref(page, b"Resources")
        if res_ref is not None:
            resources = objects[res_ref]
        font_dict_match = re.search(rb"/Font\s*(<<.*?>>|\d+ 0 R)", resources, re.S)
        fonts: dict[bytes, dict[int, str]] = {}
        if font_dict_match:
            font_dict = font_dict_match.group(1)
            if font_dict.endswith(b"R"):
                font_dict = objects[int(font_dict.split()[0])]
            for name, objnum in _dict_entries(font_dict).items():
                cmap_ref = _ref(objects[objnum], b"ToUnicode")
                fonts[name] = _cmap(_stream(objects[cmap_ref])) if cmap_ref else {}
        contents = re.search(rb"/Contents\s*(\[.*?\]|\d+ 0 R)", page, re.S).group(1)
        refs = [int(n) for n in re.findall(rb"(\d+) 0 R", contents)]
        for ref in refs:
            data = _stream(objects[ref])
            current: dict[int, str] = {}
            for token in re.finditer(
                rb"/([A-Za-z0-9_.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(ET)", data, re.S
            ):
                if token.group(1):
                    current = fonts.get(token.group(1), {})
                    continue
                if token.group(4):
                    lines.append("\n")
                    continue
                hexes = re.findall(rb"<([0-9A-Fa-f]*)>", token.group(2) or b"<" + (token.group(3) or b"") + b">")
                for hex_string in hexes:
                    width = 4 if max(current, default=0) > 0xFF else 2
                    for i in range(0, len(hex_string), width):
                        lines.append(current.get(int(hex_string[i : i + width], 16), ""))
    return "".join(lines)

"""gikparse.narrative: facts from prose, on the real seeds, phrase by phrase, and as properties."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gikparse.model import Contact
from gikparse.narrative import (
    CountStatement,
    count_statements,
    extract_meta,
    find_contact,
    find_period,
    parse_date,
    parse_signature,
    parse_title,
    split_items,
    split_parts,
)
from tests.conftest import SEEDS, load_expected

# --------------------------------------------------------------------------------------------
# A small stand-in for the section splitter: enough to build extract_meta's arguments
# --------------------------------------------------------------------------------------------

_CLEAN = re.compile(r"^[#\s*]+")


def _clean(line: str) -> str:
    return _CLEAN.sub("", line).strip()


def meta_args(text: str) -> dict[str, str]:
    """title / preamble / body / signature as the pipeline will hand them over."""
    lines = text.splitlines()
    clean = [_clean(line) for line in lines]
    first = next(i for i, c in enumerate(clean) if re.match(r"^一\s*、", c))
    title_idx: list[int] = []
    for i in range(first):
        if not clean[i]:
            continue
        if "。" in clean[i] or len(clean[i]) > 60:
            break
        title_idx.append(i)
    preamble_start = title_idx[-1] + 1 if title_idx else 0
    six = max(i for i, c in enumerate(clean) if re.match(r"^[(（]?六[)）、]", c))
    signature: list[str] = []
    for i in range(len(lines) - 1, six, -1):
        if not clean[i]:
            continue
        if len(clean[i]) > 30 or clean[i].endswith("。") or len(signature) == 2:
            break
        signature.insert(0, lines[i])
    return {
        "title": "\n".join(lines[i] for i in title_idx),
        "preamble": "\n".join(lines[preamble_start:first]),
        "body": text,
        "signature": "\n".join(signature),
    }


def section_one(text: str) -> str:
    start = re.search(r"^[#\s*]*一\s*、[^\n]*\n", text, re.M)
    end = re.search(r"^[#\s*]*二\s*、\s*主动公开", text, re.M)
    assert start is not None and end is not None
    return text[start.end() : end.start()]


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text("utf-8")


# --------------------------------------------------------------------------------------------
# Seeds
# --------------------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def test_seed_meta_matches_expected(seed_name: str) -> None:
    expected: dict[str, Any] = load_expected(seed_name)
    meta, diagnostics = extract_meta(**meta_args(seed_text(seed_name)))
    assert meta.agency == expected["agency"]
    assert meta.year == expected["year"]
    period = None if meta.period is None else [d.isoformat() for d in meta.period]
    assert period == expected.get("period")
    assert _iso(meta.published) == expected.get("published")
    assert meta.signed_by == expected.get("signed_by")
    assert meta.contact.to_dict() == (expected.get("contact") or {})
    assert diagnostics == ()


def test_seed_000_section_one_denies_requests_and_cases() -> None:
    found = count_statements(section_one(seed_text("000_623967a19d51db49")))
    assert [(s.topic, s.value, s.negative, s.scope) for s in found] == [
        ("applications_received", 0, True, "agency"),
        ("review_litigation", 0, True, "agency"),
    ]
    assert "尚未收到任何形式申请" in found[0].text
    assert found[1].text.startswith("未发生因政府信息公开申请行政复议")


def test_seed_002_section_one_counts_for_the_whole_city() -> None:
    found = count_statements(section_one(seed_text("002_0494dfef68de25df")))
    assert [(s.topic, s.value, s.negative, s.scope) for s in found] == [
        ("applications_received", 2, False, "region"),
        ("review", 0, False, "region"),
        ("litigation", 0, False, "region"),
    ]


def test_seed_004_section_one_states_eight_requests() -> None:
    found = count_statements(section_one(seed_text("004_8f5966f2fd715fcd")))
    assert [(s.topic, s.value, s.negative, s.scope) for s in found] == [
        ("applications_received", 8, False, "agency")
    ]
    assert found[0].text == "共受理政府信息公开申请 8 件"


def test_seed_offsets_point_at_the_text(seed_name: str) -> None:
    text = section_one(seed_text(seed_name))
    for statement in count_statements(text):
        assert text[statement.start : statement.end] == statement.text


def test_seed_section_parts() -> None:
    text = seed_text("002_0494dfef68de25df")
    one = section_one(text)
    headings = [h for h, _ in split_parts(one)]
    assert headings == [
        "",
        "(一)主动公开情况",
        "(二)政府依申请公开工作情况",
        "(三)平台建设及政务新媒体管理情况",
        "(四)监督保障情况",
    ]
    parts = dict(split_parts(one))
    assert parts["(一)主动公开情况"].startswith("以贯彻新《条例》精神为主线")
    assert parts["(二)政府依申请公开工作情况"].endswith("行政诉讼0宗。")


# --------------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("永宁县望远镇 2020 年政府信息公开工作 年度报告", "永宁县望远镇", 2020),
        ("安宁市人民政府2020年度政府信息公开工作年度报告", "安宁市人民政府", 2020),
        ("彭阳县人民政府办公室\n2021 年政府信息公开工作年度报告", "彭阳县人民政府办公室", 2021),
        (
            "# 彭阳县人民政府办公室\n## 2021 年政府信息公开工作年度报告",
            "彭阳县人民政府办公室",
            2021,
        ),
        ("**雁鸣湖镇2021年政府信息公开工作年度报告**", "雁鸣湖镇", 2021),
        ("市教育局关于2021年度政府信息公开工作的年度报告", "市教育局", 2021),
        ("2022年某某县财政局政府信息公开工作年度报告", "某某县财政局", 2022),
        ("某某区人民政府政府信息公开工作年度报告（２０２１年）", "某某区人民政府", 2021),
        (
            "某 某 县 人 民 政 府 ２ ０ ２ ０ 年 政 府 信 息 公 开 工 作 年 度 报 告",
            "某某县人民政府",
            2020,
        ),
        ("2021年政府信息公开工作年度报告", None, 2021),
        ("政府信息公开工作年度报告", None, None),
        ("", None, None),
        # 人民政府信息公开: one 政府 for both words, which the agency keeps.
        ("2021年度安宁市人民政府信息公开工作年度报告", "安宁市人民政府", 2021),
        ("安宁市人民政府信息公开2021年度报告", "安宁市人民政府", 2021),
        # A year range: the agency stops before its first year.
        ("安宁市人民政府2020—2021年政府信息公开工作年度报告", "安宁市人民政府", 2021),
        # Page chrome above the title (a breadcrumb, the site's name): the title's own line.
        (
            "当前位置：首页 > 政府信息公开 > 年报\n安宁市人民政府2021年政府信息公开工作年度报告",
            "安宁市人民政府",
            2021,
        ),
        (
            "安宁市人民政府门户网站\n安宁市人民政府2021年政府信息公开工作年度报告",
            "安宁市人民政府",
            2021,
        ),
        # Chrome in the title's own line: no agency, rather than chrome's words.
        ("标题：安宁市人民政府2021年政府信息公开工作年度报告", None, 2021),
        ("· 安宁市财政局2021年政府信息公开工作年度报告", None, 2021),
    ],
)
def test_parse_title(title: str, agency: str | None, year: int | None) -> None:
    assert parse_title(title) == (agency, year)


# --------------------------------------------------------------------------------------------
# Dates and periods
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2021年2月2日",
        "2021 年 2 月 2 日",
        "２０２１年２月２日",
        "2021年02月02日",
        "2021-02-02",
        "2021.2.2",
        "2021/2/2",
        "二〇二一年二月二日",
        "二○二一年二月二日",
        "  2021年2月2日。",
    ],
)
def test_parse_date_shapes(text: str) -> None:
    assert parse_date(text) == dt.date(2021, 2, 2)


@pytest.mark.parametrize(
    "text", ["2021年2月30日", "2021年13月1日", "2021年2月", "发布于2021年2月2日", ""]
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。",
        "所列数据统计时限为2020年1月1日至2020年12月31日。",
        "本报告统计时间为2020年1月1日至12月31日。",
        "统计期间：２０２０年１月１日到２０２０年１２月３１日",
        "数据统计期限为2020.1.1-2020.12.31。",
    ],
)
def test_find_period_shapes(text: str) -> None:
    assert find_period(text) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_find_period_prefers_the_cued_range() -> None:
    text = "2020年3月1日至5月31日开展专项检查。本报告统计期限为2020年1月1日至2020年12月31日。"
    assert find_period(text) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_find_period_in_body_needs_a_cue_or_a_full_year() -> None:
    body = "2020年3月1日至5月31日开展专项检查。"
    assert find_period("", body) is None
    assert find_period(body) == (dt.date(2020, 3, 1), dt.date(2020, 5, 31))
    assert find_period("", "2020年1月1日至12月31日,全市主动公开信息13023条。") == (
        dt.date(2020, 1, 1),
        dt.date(2020, 12, 31),
    )


# --------------------------------------------------------------------------------------------
# Contact
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("电话：0951-8428500", "0951-8428500"),
        ("联系电话:(0871)68710880", "0871-68710880"),
        ("联系电话：（0871）68710880；", "0871-68710880"),
        ("电话：0954—7012681）", "0954-7012681"),
        ("电话：0954 7012681", "0954-7012681"),
        ("电话：010-12345678、010-87654321", "010-12345678"),
        ("电话：01012345678", "010-12345678"),
        ("咨询电话：13912345678", "13912345678"),
        ("电 话 ： ０９５１－８４２８５００", "0951-8428500"),
        ("电话（传真）：0951-8428500", "0951-8428500"),
        ("电话：0951-8428500转123", "0951-8428500转123"),
    ],
)
def test_phone_shapes(text: str, phone: str) -> None:
    assert find_contact(text).phone == phone


def test_phone_needs_a_label() -> None:
    assert find_contact("共受理“12345”电话转接1181件，0951-8428500").phone is None


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("（地址：永宁县望远镇政通路 4 号，电话：0951-8428500）", "永宁县望远镇政通路 4 号"),
        ("(地址:安宁市人民路1号市政府408办公室;邮编:650300)", "安宁市人民路1号市政府408办公室"),
        (
            "地址：彭阳县悦龙新区行政中心一楼政务公开办公室（邮编：756500，电话：0954—7012681）。",
            "彭阳县悦龙新区行政中心一楼政务公开办公室",
        ),
        ("通讯地址：某某市人民路1号（市政府大楼）408室。", "某某市人民路1号（市政府大楼）408室"),
        ("地 址 ： 某 某 县 人 民 路 8 号 邮 编 ： 123456", "某某县人民路 8 号"),
        ("网站地址：http://www.x.gov.cn", None),
    ],
)
def test_address_shapes(text: str, address: str | None) -> None:
    assert find_contact(text).address == address


@pytest.mark.parametrize(
    ("text", "website"),
    [
        ("永宁县政府公众网站（<http://www.chinayn.gov.cn>）查阅", "http://www.chinayn.gov.cn"),
        (
            "门户网站（[www.pengyang.gov.cn](http://www.pengyang.gov.cn)）查阅",
            "www.pengyang.gov.cn",
        ),
        ("网址：www.example.gov.cn。", "www.example.gov.cn"),
        ("请登录[市政府网站](https://www.x.gov.cn/zwgk/)查阅", "https://www.x.gov.cn/zwgk/"),
        (
            "网址：https://www.x.gov.cn/col/col1/index.html，欢迎访问。",
            "https://www.x.gov.cn/col/col1/index.html",
        ),
    ],
)
def test_website_shapes(text: str, website: str) -> None:
    assert find_contact(text).website == website


def test_website_in_body_needs_a_cue() -> None:
    body = "依据《条例》（见 http://www.gov.cn/zhengce/abc.htm ）开展工作。"
    assert find_contact("", body).website is None
    assert find_contact(body).website == "http://www.gov.cn/zhengce/abc.htm"


def test_contact_postcode_and_email() -> None:
    contact = find_contact("邮政编码：756500；电子邮箱：gk_office@163.com。")
    assert contact == Contact(postcode="756500", email="gk_office@163.com")


def test_contact_first_text_wins_per_field() -> None:
    contact = find_contact("电话：0951-1111111", "电话：0951-2222222，邮编：750000")
    assert (contact.phone, contact.postcode) == ("0951-1111111", "750000")


# --------------------------------------------------------------------------------------------
# Signature and extract_meta
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "agency", "date"),
    [
        ("安宁市人民政府办公室\n2021年2月2日", "安宁市人民政府办公室", dt.date(2021, 2, 2)),
        ("**某某县人民政府**\n\n二〇二一年一月二十日", "某某县人民政府", dt.date(2021, 1, 20)),
        ("某某县财政局 2021-01-15", "某某县财政局", dt.date(2021, 1, 15)),
        ("2021年1月15日", None, dt.date(2021, 1, 15)),
        ("某某镇人民政府", "某某镇人民政府", None),
        ("无", None, None),
        ("详见附件。", None, None),
        # A bracketed part after the agency's name.
        (
            "某某县人民政府办公室（县政务公开办）2021年2月2日",
            "某某县人民政府办公室(县政务公开办)",
            dt.date(2021, 2, 2),
        ),
        # A note that ends in a date, after the signature or in its place, signs nothing.
        (
            "某某县财政局\n2021年1月15日\n数据截至2020年12月31日",
            "某某县财政局",
            dt.date(2021, 1, 15),
        ),
        (
            "某某县财政局\n2021年1月15日\n（统计数据截止2020年12月31日）",
            "某某县财政局",
            dt.date(2021, 1, 15),
        ),
        ("数据截至2020年12月31日", None, None),
    ],
)
def test_parse_signature(signature: str, agency: str | None, date: dt.date | None) -> None:
    assert parse_signature(signature) == (agency, date)


def _meta(**kwargs: str) -> Any:
    args = {"title": "", "preamble": "", "body": "", "signature": ""}
    args.update(kwargs)
    return extract_meta(**args)


def _codes(diagnostics: tuple[Any, ...]) -> list[str]:
    return [d.code for d in diagnostics]


def test_signature_found_at_the_end_of_body() -> None:
    meta, _ = _meta(
        title="某某县2020年政府信息公开工作年度报告",
        body="六、其他需要报告的事项\n无。\n\n某某县人民政府\n2021年1月20日\n",
    )
    assert (meta.signed_by, meta.published) == ("某某县人民政府", dt.date(2021, 1, 20))


def test_body_tail_without_date_is_no_signature() -> None:
    meta, _ = _meta(title="某某县2020年政府信息公开工作年度报告", body="六、其他\n某某县人民政府\n")
    assert (meta.signed_by, meta.published) == (None, None)


def test_agency_from_signature_when_title_has_none() -> None:
    meta, diagnostics = _meta(
        title="2021年政府信息公开工作年度报告", signature="某某县教育局\n2022年1月20日"
    )
    assert meta.agency == "某某县教育局"
    assert _codes(diagnostics) == ["P306"]


def test_no_agency_anywhere() -> None:
    meta, diagnostics = _meta(title="2021年政府信息公开工作年度报告")
    assert meta.agency is None
    assert _codes(diagnostics) == ["P301"]
    assert all(d.message and d.message_en for d in diagnostics)


def test_year_from_period_and_missing_year() -> None:
    meta, diagnostics = _meta(
        title="某某县人民政府政府信息公开工作年度报告",
        preamble="统计期限为2020年1月1日至2020年12月31日。",
    )
    assert meta.year == 2020
    assert _codes(diagnostics) == ["P307"]
    meta, diagnostics = _meta(title="某某县人民政府政府信息公开工作年度报告")
    assert meta.year is None
    assert _codes(diagnostics) == ["P302"]


def test_period_end_before_start() -> None:
    meta, diagnostics = _meta(
        title="某某县2020年政府信息公开工作年度报告",
        preamble="统计期限为2020年12月31日至2020年1月1日。",
    )
    assert meta.period == (dt.date(2020, 12, 31), dt.date(2020, 1, 1))
    assert _codes(diagnostics) == ["P303"]


def test_title_year_differs_from_period() -> None:
    _, diagnostics = _meta(
        title="某某县2021年政府信息公开工作年度报告",
        preamble="统计期限为2020年1月1日至2020年12月31日。",
    )
    assert _codes(diagnostics) == ["P304"]


def test_published_before_period_end() -> None:
    _, diagnostics = _meta(
        title="某某县2020年政府信息公开工作年度报告",
        preamble="统计期限为2020年1月1日至2020年12月31日。",
        signature="某某县人民政府\n2020年6月1日",
    )
    assert _codes(diagnostics) == ["P305"]


def test_impossible_period_date() -> None:
    meta, diagnostics = _meta(
        title="某某县2020年政府信息公开工作年度报告",
        preamble="统计期限为2020年1月1日至2020年12月32日。",
    )
    assert meta.period is None
    assert _codes(diagnostics) == ["P308"]


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


def _facts(text: str) -> list[tuple[str, int, bool, str]]:
    return [(s.topic, s.value, s.negative, s.scope) for s in count_statements(text)]


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (
            "2021 年，共受理政府信息公开申请 8 件，均已办结。",
            [("applications_received", 8, False, "agency")],
        ),
        ("本年度收到政府信息公开申请2件。", [("applications_received", 2, False, "agency")]),
        ("本年度收到政府信息公开申请两件。", [("applications_received", 2, False, "agency")]),
        (
            "全市共收到2件需要按申请程序公开依申请公开件。",
            [("applications_received", 2, False, "region")],
        ),
        ("各部门共收到政府信息公开申请15件。", [("applications_received", 15, False, "region")]),
        ("共办结政府信息公开申请7件。", [("applications_handled", 7, False, "agency")]),
        ("本年度未收到政府信息公开申请。", [("applications_received", 0, True, "agency")]),
        ("截至目前，望远镇尚未收到任何形式申请；", [("applications_received", 0, True, "agency")]),
        (
            "2020年全市因信息公开申请引起的行政复议0宗，行政诉讼0宗。",
            [("review", 0, False, "region"), ("litigation", 0, False, "region")],
        ),
        (
            "被申请行政复议1件，提起行政诉讼2件。",
            [("review", 1, False, "agency"), ("litigation", 2, False, "agency")],
        ),
        ("行政复议、行政诉讼均为0件。", [("review_litigation", 0, False, "agency")]),
        (
            "未发生因政府信息公开申请行政复议、提起行政诉讼情况。",
            [("review_litigation", 0, True, "agency")],
        ),
        ("没有因政府信息公开工作被申请行政复议的情况。", [("review", 0, True, "agency")]),
        ("全年未发生行政诉讼案件。", [("litigation", 0, True, "agency")]),
        ("因未及时答复引发行政复议案件1件。", [("review", 1, False, "agency")]),
    ],
)
def test_count_phrases(text: str, facts: list[tuple[str, int, bool, str]]) -> None:
    assert _facts(text) == facts


@pytest.mark.parametrize(
    "text",
    [
        "收到网民留言447条，答复 447条。",
        "共受理“12345”电话转接1181件。",
        "本机关 2021 年收到的政府信息公开申请，依据《办法》未超出一定数量，未收取信息处理费。",
        "上年结转政府信息公开申请2件。",
        "共收到市六届政协四次会议提案115件。",
        "2020 年度依申请公开文件共计 181 件。",
        "行政复议和行政诉讼为3件。",
        "未经复议直接起诉。",
        "",
    ],
)
def test_count_non_statements(text: str) -> None:
    assert count_statements(text) == ()


def test_count_statement_equality_ignores_position() -> None:
    a = count_statements("共受理政府信息公开申请8件。")[0]
    b = count_statements("概述。\n\n共受理政府信息公开申请 8 件")[0]
    assert a == b
    assert (a.start, b.start) == (0, 5)
    assert isinstance(a, CountStatement)


def test_count_over_paragraph_break_keeps_scope_apart() -> None:
    text = "全市政务公开工作有序推进\n\n共受理政府信息公开申请8件。"
    assert _facts(text) == [("applications_received", 8, False, "agency")]
    assert _facts("全市政务公开工作有序推进，共受理政府信息公开申请8件。")[0][3] == "region"


# --------------------------------------------------------------------------------------------
# Items and parts
# --------------------------------------------------------------------------------------------


def test_split_items_numbered_lines_under_headings() -> None:
    text = (
        "(一) 存在的主要问题\n\n1. 认识不足；\n\n2. 公开不及时。\n\n"
        "（二）改进情况\n\n1. 加强培训。\n"
    )
    assert split_items(text) == ("1. 认识不足；", "2. 公开不及时。", "1. 加强培训。")


def test_split_items_inline_shi() -> None:
    text = "存在问题：一是平台不完善;二是意识不足;三是解读单一。改进措施：一是加强沟通。"
    assert split_items(text) == (
        "一是平台不完善;",
        "二是意识不足;",
        "三是解读单一。改进措施：",
        "一是加强沟通。",
    )


def test_split_items_inline_shi_must_count_on() -> None:
    assert split_items("我们认为，三是个好数字。") == ()


def test_split_items_bullets_and_fullwidth() -> None:
    text = "- 1、第一项。\n- 2、第二项。\n３．第三项。"
    assert split_items(text) == ("1、第一项。", "2、第二项。", "３．第三项。")


def test_split_items_ignores_decimals_and_years() -> None:
    assert split_items("2.5分的权重。\n2020年工作。") == ()


def test_split_parts_short_headings() -> None:
    text = "概述。\n#### (一) 存在的主要问题\n问题甲。\n问题乙。\n（二）改进情况\n\n改进甲。"
    assert split_parts(text) == (
        ("", "概述。"),
        ("(一) 存在的主要问题", "问题甲。\n问题乙。"),
        ("（二）改进情况", "改进甲。"),
    )


def test_split_parts_bold_lead_in() -> None:
    text = "**（三）政府信息管理方面。**一是严格审查。\n（四）平台建设方面。共开展检查 12 次。"
    assert split_parts(text) == (
        ("（三）政府信息管理方面", "一是严格审查。"),
        ("（四）平台建设方面", "共开展检查 12 次。"),
    )


def test_split_parts_needs_headings_in_sequence() -> None:
    assert split_parts("一是甲。二是乙。") == ()
    assert split_parts("（一）甲\n正文\n（三）丙\n正文") == (("（一）甲", "正文\n（三）丙\n正文"),)


# --------------------------------------------------------------------------------------------
# Properties: render generated facts into varied sentences, parse them back
# --------------------------------------------------------------------------------------------

_FULL = str.maketrans("0123456789-.()", "０１２３４５６７８９－．（）")
_HAN_DIGITS = "〇一二三四五六七八九"


def _han_number(n: int) -> str:
    if n < 10:
        return _HAN_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _HAN_DIGITS[tens]) + "十" + (_HAN_DIGITS[units] if units else "")


def _spaced(text: str) -> str:
    return " ".join(text)


@st.composite
def rendered_dates(draw: st.DrawFn) -> tuple[dt.date, str]:
    day = draw(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2099, 12, 31)))
    y, m, d = day.year, day.month, day.day
    style = draw(st.sampled_from(["han", "spaced", "padded", "dash", "dot", "slash", "chinese"]))
    text = {
        "han": f"{y}年{m}月{d}日",
        "spaced": f"{y} 年 {m} 月 {d} 日",
        "padded": f"{y}年{m:02d}月{d:02d}日",
        "dash": f"{y}-{m:02d}-{d:02d}",
        "dot": f"{y}.{m}.{d}",
        "slash": f"{y}/{m}/{d}",
        "chinese": "".join(_HAN_DIGITS[int(c)] for c in str(y))
        + f"年{_han_number(m)}月{_han_number(d)}日",
    }[style]
    if draw(st.booleans()):
        text = text.translate(_FULL)
    return day, text


@given(rendered_dates())
def test_property_parse_date(case: tuple[dt.date, str]) -> None:
    day, text = case
    assert parse_date(text) == day


@st.composite
def rendered_periods(draw: st.DrawFn) -> tuple[tuple[dt.date, dt.date], str]:
    start = draw(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2098, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=dt.date(2099, 12, 31)))
    short_end = start.year == end.year and draw(st.booleans())
    a = f"{start.year}年{start.month}月{start.day}日"
    b = f"{end.month}月{end.day}日" if short_end else f"{end.year}年{end.month}月{end.day}日"
    joiner = draw(st.sampled_from(["至", "到", "—", "-", "～"]))
    phrase = a + joiner + b
    if draw(st.booleans()):
        phrase = _spaced(phrase)
    if draw(st.booleans()):
        phrase = phrase.translate(_FULL)
    template = draw(
        st.sampled_from(
            [
                "本报告中所列数据的统计期限为{p}。本报告电子版可在网站查阅。",
                "所列数据统计时限为{p}，如有疑问请联系。",
                "统计期间：{p}",
                "本报告是依据《条例》制作。所列政府信息公开数据统计期限为 {p}。",
            ]
        )
    )
    return (start, end), template.format(p=phrase)


@given(rendered_periods())
def test_property_find_period(case: tuple[tuple[dt.date, dt.date], str]) -> None:
    period, text = case
    assert find_period(text) == period


_PLACE = "永宁望远安彭阳雁鸣湖博爱孝敬东西南北中新城河山海川桥石林泉"
_SUFFIX = [
    "县人民政府",
    "市人民政府办公室",
    "镇",
    "镇人民政府",
    "街道办事处",
    "区教育局",
    "县卫生健康委员会",
]


@st.composite
def agencies(draw: st.DrawFn) -> str:
    place = draw(st.text(alphabet=_PLACE, min_size=2, max_size=4))
    return place + draw(st.sampled_from(_SUFFIX))


@given(agencies(), st.integers(min_value=2000, max_value=2099), st.data())
def test_property_parse_title(agency: str, year: int, data: st.DataObject) -> None:
    template = data.draw(
        st.sampled_from(
            [
                "{a}{y}年政府信息公开工作年度报告",
                "{a} {y} 年度政府信息公开工作年度报告",
                "{a}\n{y}年政府信息公开工作年度报告",
                "# {a}\n## {y} 年政府信息公开工作年度报告",
                "{a}关于{y}年度政府信息公开工作的年度报告",
                "{y}年{a}政府信息公开工作年度报告",
                "{y}年度{a}政务公开工作年度报告",
            ]
        )
    )
    title = template.format(a=agency, y=year)
    if data.draw(st.booleans()):
        title = "\n".join(_spaced(line) for line in title.splitlines())
    if data.draw(st.booleans()):
        title = title.translate(_FULL)
    assert parse_title(title) == (agency, year)


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, str]:
    """(canonical, rendered)."""
    if draw(st.integers(0, 4)) == 0:
        mobile = (
            "1"
            + draw(st.sampled_from("3456789"))
            + draw(st.text("0123456789", min_size=9, max_size=9))
        )
        return mobile, mobile
    if draw(st.booleans()):
        area = "0" + draw(st.sampled_from("12")) + draw(st.sampled_from("0123456789"))
    else:
        area = (
            "0"
            + draw(st.sampled_from("3456789"))
            + draw(st.text("0123456789", min_size=2, max_size=2))
        )
    local = draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=6, max_size=7))
    style = draw(
        st.sampled_from(["{a}-{l}", "({a}){l}", "（{a}）{l}", "{a}—{l}", "{a}{l}", "{a} {l}"])
    )
    return f"{area}-{local}", style.format(a=area, l=local)


_EMAIL_LOCAL = st.from_regex(r"\A[a-z0-9]{1,10}(?:[._][a-z0-9]{1,6})?\Z")
_EMAIL_DOMAIN = st.sampled_from(
    ["qq.com", "163.com", "126.com", "pengyang.gov.cn", "mail.x.gov.cn"]
)


@st.composite
def addresses(draw: st.DrawFn) -> str:
    road = draw(st.text(alphabet=_PLACE, min_size=2, max_size=6))
    number = draw(st.integers(1, 999))
    gap = draw(st.sampled_from(["", " "]))
    tail = draw(st.sampled_from(["号", "号市政府408办公室", "号政务公开办公室"]))
    return f"{road}路{gap}{number}{gap}{tail}"


@given(phones(), phones(), _EMAIL_LOCAL, _EMAIL_DOMAIN, addresses(), st.data())
def test_property_contact(
    phone: tuple[str, str],
    other: tuple[str, str],
    local: str,
    domain: str,
    address: str,
    data: st.DataObject,
) -> None:
    email = f"{local}@{domain}"
    postcode = data.draw(st.from_regex(r"\A[1-8][0-9]{5}\Z"))
    phone_text = phone[1]
    if data.draw(st.booleans()):
        phone_text += data.draw(st.sampled_from(["、", "，", "/"])) + other[1]
    label = data.draw(st.sampled_from(["电话", "联系电话", "咨询电话"]))
    template = data.draw(
        st.sampled_from(
            [
                "如对报告有疑问，请与政务公开办公室联系（地址：{ad}，{lb}：{ph}，邮编：{pc}，电子邮箱：{em}）。",
                "联系地址：{ad}；邮政编码：{pc}；{lb}：{ph}；邮箱：{em}。",
                "地址:{ad}({lb}:{ph},邮编:{pc})\n电子邮箱: {em}",
            ]
        )
    )
    if data.draw(st.booleans()):  # PDF extraction: spaces between characters and digits
        label, phone_text = _spaced(label), _spaced(phone_text)
    text = template.format(ad=address, lb=label, ph=phone_text, pc=postcode, em=email)
    if data.draw(st.booleans()):
        text = text.translate(str.maketrans("0123456789:", "０１２３４５６７８９："))
        email_expected = email.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    else:
        email_expected = email
    contact = find_contact(text)
    assert contact == Contact(
        address=address, postcode=postcode, phone=phone[0], email=email_expected
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["received", "region", "review", "litigation", "negative"]),
            st.integers(0, 9999),
        ),
        max_size=4,
    ),
    st.booleans(),
    st.booleans(),
)
def test_property_counts(facts: list[tuple[str, int]], spaced: bool, pdf: bool) -> None:
    templates = {
        "received": (
            "本年度共受理政府信息公开申请{n}件。",
            ("applications_received", False, "agency"),
        ),
        "region": ("全市共收到{n}件依申请公开件。", ("applications_received", False, "region")),
        "review": ("被申请行政复议{n}宗。", ("review", False, "agency")),
        "litigation": ("提起行政诉讼{n}起。", ("litigation", False, "agency")),
        "negative": ("尚未收到政府信息公开申请。", ("applications_received", True, "agency")),
    }
    sentences: list[str] = ["按照《条例》要求开展工作。"]
    expected: list[tuple[str, int, bool, str]] = []
    for kind, n in facts:
        template, (topic, negative, scope) = templates[kind]
        number = f" {n} " if spaced else str(n)
        sentences.append(template.format(n=number))
        expected.append((topic, 0 if negative else n, negative, scope))
        sentences.append("持续做好公开工作。")
    text = "".join(_spaced(s) if pdf else s for s in sentences)
    if pdf:
        text = text.translate(_FULL)
    found = count_statements(text)
    assert _facts(text) == expected
    for statement in found:
        assert text[statement.start : statement.end] == statement.text


_NOISE_PIECES = [
    *"一二三是、。，；：（）()[]<>*#-—.:/@ \n\t0123456789０１年月日至共收到申请件宗",
    *["行政复议", "行政诉讼", "未发生", "地址", "电话", "邮编", "网站", "www.", "http://"],
]
_NOISE = st.lists(st.sampled_from(_NOISE_PIECES), max_size=120).map("".join)


@given(_NOISE, _NOISE, _NOISE, _NOISE)
def test_property_arbitrary_text_never_raises(a: str, b: str, c: str, d: str) -> None:
    meta, diagnostics = extract_meta(title=a, preamble=b, body=c, signature=d)
    assert all(d.code.startswith("P3") for d in diagnostics)
    for statement in count_statements(c):
        assert c[statement.start : statement.end] == statement.text
    assert all(item.strip() for item in split_items(c))
    assert all(isinstance(h, str) and isinstance(t, str) for h, t in split_parts(c))
    if meta.period is not None:
        assert all(isinstance(x, dt.date) for x in meta.period)

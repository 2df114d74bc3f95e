"""Web pages in the layouts Chinese government sites publish reports in, for tests and benchmarks.

Each template wraps a report's paragraphs the way one family of government
content-management systems does: header, navigation, breadcrumb, the title
and its 信息来源/发布日期 line, the article, share bar, print links, related
links or a sidebar of news, and a footer with scripts. They are written from
the structure of real pages (TRS, Hanweb and the Shenzhen district sites), so
that extracting the article from them is a fair test of a body finder.
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Text that only the page around the article holds: none of it may reach the report.
FURNITURE: tuple[str, ...] = (
    "无障碍", "繁體", "政务公开", "网站地图", "版权所有", "ICP备", "网站标识码", "分享到", "打印本页",
    "关闭窗口", "浏览次数", "上一篇", "下一篇", "相关稿件", "热点新闻", "扫一扫", "_hmt", "jQuery",
    "主办单位", "责任编辑", "区长信箱", "全力推进防汛", "首页",
)


@dataclass(frozen=True)
class Report:
    """A report split the way a page shows it."""

    title: str
    source: str
    date: str  # "2024-08-19 14:53"
    paragraphs: tuple[str, ...]


def split_plain_report(text: str) -> Report:
    """Split a report copied from a page (title, 信息来源 line, body) into its pieces.

    Lines before the title are the page's furniture that the copy kept; the
    last line is kept only if it is body text (ends like a sentence).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    t = next(i for i, line in enumerate(lines) if "工作报告" in line or "工作总结" in line)
    info = lines[t + 1]
    source = info.split("信息来源:", 1)[1].split()[0]
    date = " ".join(info.split("信息提供日期:", 1)[1].split()[:2])
    body = [line for line in lines[t + 2:] if not line.startswith("触碰")]
    return Report(lines[t], source, date, tuple(body))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_HEAD_SCRIPTS = """\
<link rel="stylesheet" href="/css/common.css"><link rel="stylesheet" href="/css/article.css">
<script src="/js/jquery-1.11.3.min.js"></script>
<script>var _hmt = _hmt || []; (function() { var hm = document.createElement("script");
hm.src = "https://hm.example/hm.js?123"; var s = document.getElementsByTagName("script")[0];
s.parentNode.insertBefore(hm, s); })(); jQuery(function(){ $(".nav li").hover(); });</script>
<style>.news_cont_d_wrap p { text-indent: 2em; line-height: 2; } .nav li { float: left; }</style>
"""

_NAV_ITEMS = ("首页", "政务公开", "政务服务", "互动交流", "走进宝安", "专题专栏")
_NEWS = (
    "全力推进防汛防风各项工作", "区领导调研重点项目建设，要求加快进度", "我区召开优化营商环境工作会议",
    "2024年秋季学期学位申请指南", "关于开展安全生产大检查的通知", "区长信箱来信选登",
)


def _nav() -> str:
    return "".join(f'<li><a href="/c{n}/">{name}</a></li>' for n, name in enumerate(_NAV_ITEMS))


def _news_list(with_dates: bool = True) -> str:
    return "".join(
        f'<li><a href="/n/{n}.html" title="{t}">{t}</a>' + (f"<span>2024-08-{10 + n:02d}</span>" if with_dates else "") + "</li>"
        for n, t in enumerate(_NEWS)
    )


def _footer() -> str:
    return (
        '<div class="footer"><div class="foot-links"><a href="/sitemap">网站地图</a> | <a href="/about">关于我们</a>'
        ' | <a href="/contact">联系我们</a></div>'
        "<p>主办单位：深圳市宝安区人民政府办公室　承办单位：深圳市宝安区政务服务数据管理局</p>"
        "<p>版权所有：深圳市宝安区人民政府　粤ICP备05004474号　网站标识码：4403060001</p>"
        '<p><a href="/jiucuo"><img src="/img/jiucuo.png" alt="政府网站找错"></a></p>'
        '<script>document.write(unescape("%3Cspan id=\'_ideConac\'%3E%3C/span%3E"));</script></div>'
    )


def shenzhen(r: Report) -> str:
    """A Shenzhen district site: ``news_cont_d_wrap``, a ``tit`` block with 信息来源/信息提供日期 spans."""
    body = "\n".join(f"<p>{_e(p)}</p>" for p in r.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="深圳市宝安区人民政府"><meta name="ColumnName" content="落实情况公开">
<meta name="ArticleTitle" content="{_e(r.title)}"><meta name="PubDate" content="{r.date}">
<meta name="ContentSource" content="{_e(r.source)}">
<title>{_e(r.title)}-落实情况公开-深圳市宝安区人民政府门户网站</title>
{_HEAD_SCRIPTS}</head>
<body>
<div class="header"><div class="top"><a href="#">无障碍</a> <a href="#">繁體</a> <a href="#">长者模式</a>
<div class="search"><input type="text" value="请输入关键词"><button>搜索</button></div></div>
<div class="logo"><img src="/img/logo.png" alt="深圳市宝安区人民政府"></div>
<div class="nav"><ul>{_nav()}</ul></div></div>
<div class="main w1200">
<div class="position">您现在的位置 <a href="/">首页</a> &gt; <a href="/wgk/">五公开专栏</a> &gt; <a href="/wgk/jg/">结果公开</a> &gt; <a href="/wgk/jg/lsqk/">落实情况公开</a></div>
<div class="news_cont_d_wrap">
<div class="tit"><h4>{_e(r.title)}</h4>
<h6><span>信息来源：{_e(r.source)}</span><span>信息提供日期：{r.date}</span>
<span class="font">【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</span>
<span>视力保护色：<a class="c1"></a><a class="c2"></a></span></h6></div>
<div class="news_cont_d_wrap_content">
{body}
</div>
<div class="fx clearfix"><div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" title="分享到微信"></a><a class="bds_tsina" title="分享到新浪微博"></a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div></div>
<div class="qrcode"><img src="/img/qr.png" alt="扫一扫在手机打开当前页"><p>扫一扫在手机打开当前页</p></div>
</div></div>
{_footer()}
<script>$(function(){{ $(".font a").click(function(){{ }}); }});</script>
</body></html>
"""


def govcn(r: Report) -> str:
    """The gov.cn layout: BreadcrumbNav, ``pages-date`` line, ``pages_content``, editor, related articles."""
    body = "\n".join(f'<p style="text-indent: 2em; font-family: 宋体;">{_e(p)}</p>' for p in r.paragraphs)
    source = r.source
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="keywords" content="工作报告"><meta name="description" content="{_e(r.title)}">
<title>{_e(r.title)}_政务公开_深圳市宝安区人民政府</title>
{_HEAD_SCRIPTS}</head>
<body>
<div class="header_top"><div class="w1100"><span class="left">2024年8月20日 星期二</span>
<span class="right"><a href="#">无障碍</a>|<a href="#">繁體</a>|<a href="#">English</a></span></div></div>
<div class="header"><div class="navbar"><ul class="navbar-list">{_nav()}</ul></div></div>
<div class="w1100"><div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 工作报告</div>
<div class="article oneColumn pub_border">
<h1>{_e(r.title)}</h1>
<div class="pages-date">{r.date} <span class="font">来源：{_e(source)}</span>
<span class="font index_switchsize">【字体：<span>大</span> <span>中</span> <span>小</span>】</span>
<span class="font printIco"><a href="javascript:print()">打印</a></span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：王某某</div>
<div class="share"><span>分享到：</span><a class="wx"></a><a class="wb"></a></div>
<div class="pages_print"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><div class="related_title">相关稿件</div><ul>{_news_list()}</ul></div>
</div>
{_footer()}
</body></html>
"""


def hanweb_table(r: Report) -> str:
    """An older table-layout site: GBK-era markup, ``<td id="zoom">``, paragraphs split by ``<br>``."""
    body = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + _e(p) for p in r.paragraphs)
    day = r.date.split()[0].split("-")
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{_e(r.title)}</title>
<script language="javascript" src="/script/common.js"></script>
<style type="text/css">td {{ font-size: 12px }} .bt_content {{ font-size: 16px; line-height: 200% }}</style>
</head>
<body topmargin="0" leftmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td><img src="/images/banner.jpg" width="1000" height="150"></td></tr>
<tr><td class="menu"><a href="/">首页</a>&nbsp;|&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;|&nbsp;<a href="/bsfw/">政务服务</a>&nbsp;|&nbsp;<a href="/hdjl/">互动交流</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="240" valign="top" class="leftbg">
<table width="100%"><tr><td class="left_title">热点新闻</td></tr>
<tr><td><ul>{_news_list(with_dates=False)}</ul></td></tr></table>
<table width="100%"><tr><td class="left_title">区长信箱</td></tr><tr><td><a href="/xx/">我要写信</a> <a href="/cx/">信件查询</a></td></tr></table>
</td>
<td width="20"></td>
<td valign="top">
<table width="100%" border="0"><tr><td class="dqwz">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; 计划总结</td></tr></table>
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td align="center" class="bt_title" height="60"><font size="5"><b>{_e(r.title)}</b></font></td></tr>
<tr><td align="center" class="bt_info">发布日期：{day[0]}年{day[1]}月{day[2]}日&nbsp;&nbsp;&nbsp;来源：{_e(r.source)}&nbsp;&nbsp;&nbsp;浏览次数：<script>document.write(hits)</script>1024</td></tr>
<tr><td height="10"><hr size="1" color="#cccccc"></td></tr>
<tr><td id="zoom" class="bt_content">
{body}
</td></tr>
<tr><td align="right"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></td></tr>
<tr><td>上一篇：<a href="/art/1.html">沙井街道2023年工作总结</a><br>下一篇：<a href="/art/3.html">沙井街道2024年三季度工作情况</a></td></tr>
</table>
</td></tr></table>
<table width="1000" align="center"><tr><td align="center" class="bottom">
版权所有：深圳市宝安区沙井街道办事处&nbsp;&nbsp;粤ICP备05004474号<br>地址：深圳市宝安区沙井街道新沙路，邮编：518104，电话：0755-00000000
</td></tr></table>
</body></html>
"""


def trs_xxgk(r: Report) -> str:
    """A TRS 信息公开 page: a metadata table (索引号/发布机构/发布日期), ``TRS_Editor``, a news sidebar with summaries."""
    body = "\n".join(
        f'<p align="justify" style="text-indent:2em;"><span style="font-family:仿宋_GB2312;font-size:16pt;">{_e(p)}</span></p>'
        for p in r.paragraphs
    )
    summaries = "".join(
        f'<li><a href="/n/{n}.html">{t}</a><p>{t}，会议强调，要统一思想，压实责任，确保各项工作落到实处。</p></li>'
        for n, t in enumerate(_NEWS[:3])
    )
    day = r.date.split()[0]
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="ArticleTitle" content="{_e(r.title)}" /><meta name="PubDate" content="{day}" />
<title>{_e(r.title)}</title>
{_HEAD_SCRIPTS}</head>
<body>
<div id="header"><div class="head-top"><a href="#">设为首页</a> <a href="#">加入收藏</a> <a href="#">无障碍</a></div>
<div id="menu"><ul>{_nav()}</ul></div></div>
<div class="container">
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ghjh/">规划计划</a></div>
<div class="left-content">
<div class="xxgk_table"><table>
<tr><td class="t1">索引号：</td><td>11440306007XXXXX/2024-00123</td><td class="t1">分类：</td><td>计划总结</td></tr>
<tr><td class="t1">发布机构：</td><td>{_e(r.source)}</td><td class="t1">发布日期：</td><td>{day}</td></tr>
<tr><td class="t1">名称：</td><td colspan="3">{_e(r.title)}</td></tr>
<tr><td class="t1">文号：</td><td></td><td class="t1">主题词：</td><td></td></tr>
</table></div>
<div class="article-title"><h2>{_e(r.title)}</h2></div>
<div class="article-content"><div class="TRS_Editor"><div class="Custom_UnionStyle">
{body}
</div></div></div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a>
<div class="jiathis_style">分享到：<a class="jiathis_button_weixin"></a></div></div>
<div class="pre-next"><p>上一篇：<a href="/a/1.html">沙井街道2023年工作总结和2024年工作计划</a></p><p>下一篇：暂无</p></div>
</div>
<div class="right-side"><div class="side-title">热点新闻</div><ul>{summaries}</ul>
<div class="ewm"><img src="/img/ewm.png"><p>扫一扫关注微信公众号</p></div></div>
</div>
{_footer()}
</body></html>
"""


def html5(r: Report) -> str:
    """A modern HTML5 site: ``<header>``, ``<nav>``, ``<main><article>`` with its own header, ``<aside>``, ``<footer>``."""
    body = "\n".join(f"<p>{_e(p)}</p>" for p in r.paragraphs)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{_e(r.title)}">
<title>{_e(r.title)} | 沙井街道</title>
{_HEAD_SCRIPTS}</head>
<body>
<header class="site-header"><a class="logo" href="/">沙井街道</a>
<nav aria-label="主导航"><ul>{_nav()}</ul></nav></header>
<nav class="breadcrumb" aria-label="面包屑"><ol><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>工作报告</li></ol></nav>
<main>
<article>
<header><h1>{_e(r.title)}</h1>
<p class="meta">发布时间：<time datetime="{r.date.split()[0]}">{r.date}</time>　信息来源：{_e(r.source)}　浏览次数：1024</p></header>
<section class="article-body">
{body}
</section>
<footer class="article-footer"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a>
<nav class="pager"><a href="/p.html">上一篇：沙井街道2023年工作总结</a><a href="/n.html">下一篇：暂无</a></nav></footer>
</article>
<aside><h2>热点新闻</h2><ul>{_news_list()}</ul></aside>
</main>
<footer class="site-footer"><p>版权所有：深圳市宝安区沙井街道办事处　粤ICP备05004474号</p></footer>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</body></html>
"""


def list_page(r: Report) -> str:
    """A column page that lists articles: navigation and links, no article."""
    items = "".join(
        f'<li><a href="/art/{n}.html" title="{t}">{t}</a><span class="date">2024-0{1 + n % 8}-1{n % 9}</span></li>'
        for n, t in enumerate([r.title, *_NEWS] * 3)
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>落实情况公开-深圳市宝安区人民政府门户网站</title>{_HEAD_SCRIPTS}</head>
<body><div class="header"><div class="nav"><ul>{_nav()}</ul></div></div>
<div class="main"><div class="position">您现在的位置 <a href="/">首页</a> &gt; <a href="/wgk/">五公开专栏</a> &gt; 落实情况公开</div>
<div class="list"><ul>{items}</ul></div>
<div class="page"><a href="#">首页</a> <a href="#">上一页</a> <a href="#">1</a> <a href="#">2</a> <a href="#">下一页</a> <a href="#">尾页</a> 共2页</div>
</div>{_footer()}</body></html>
"""


#: The article page layouts, by name.
TEMPLATES: dict[str, Callable[[Report], str]] = {
    "shenzhen": shenzhen,
    "govcn": govcn,
    "hanweb_table": hanweb_table,
    "trs_xxgk": trs_xxgk,
    "html5": html5,
}

#: The encoding each layout is saved in, as such sites serve it.
ENCODINGS: dict[str, str] = {"hanweb_table": "gb18030"}


def write_pages(report: Report, folder: Path, names: Sequence[str] | None = None) -> dict[str, Path]:
    """Write one page per template into ``folder``; return the paths by template name."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for name in names or TEMPLATES:
        path = folder / f"{name}.html"
        path.write_bytes(TEMPLATES[name](report).encode(ENCODINGS.get(name, "utf-8")))
        out[name] = path
    return out

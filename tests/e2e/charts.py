#!/usr/bin/env python3
"""The HTML report's charts read back from the page, as a person reads them:
the scale from the axis's ticks and their labels, then every bar, verdict
line and point measured on that scale. Reads the page assay wrote or the
DOM a browser dumped (tests/browser/report.sh) alike.

usage:
  charts.py ranking PAGE RANKING_CSV   every group on the axis's one scale:
                                       each bar as long as its unit's total in
                                       the ranking CSV, and of its verdict
  charts.py lines PAGE                 each verdict line: the total its place
                                       on the axis stands for, and its label
  charts.py trend PAGE UNIT            a unit's monthly chart: the months named
                                       and the y axis's ticks; every point
                                       where its total is on that axis
  charts.py grey-page PAGE OUT [--solid]
                                       a page of the ranking charts alone, at
                                       the top left, for a screenshot (--solid:
                                       the verdicts told by colour only)
  charts.py grey-check OUT PNG         the bars of the screenshot in grey: each
                                       verdict's bars alike, and unlike the
                                       other verdicts'
Exits 1 with what is wrong on stderr."""
import csv
import json
import math
import re
import statistics
import sys
from html.parser import HTMLParser


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ""

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def num(self, name):
        return float(self.attrs[name])

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


VOID = {"meta", "br", "hr", "img", "input", "link"}


class Tree(HTMLParser):
    """The page as a tree; SVG's self-closed elements as empty ones."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("root", [], None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node.parent and node.tag != tag:
            node = node.parent
        if node.parent:
            self.cur = node.parent

    def handle_data(self, data):
        if not self.cur.children:       # an element's own text, before any child
            self.cur.text += data


def parse(path):
    t = Tree()
    t.feed(open(path, encoding="utf-8").read())
    return t.root


problems = []


def wrong(text):
    problems.append(text)


def done(lines=()):
    for line in lines:
        print(line)
    for p in problems:
        print("    " + p, file=sys.stderr)
    sys.exit(1 if problems else 0)


def close(a, b, tol=0.02):
    return abs(a - b) <= tol


class Axis:
    """A linear axis from its ticks: (value, position) pairs."""

    def __init__(self, ticks, what):
        self.ticks = ticks
        if len(ticks) < 3:
            wrong("%s: %d ticks, expected at least 3" % (what, len(ticks)))
            ticks = ticks + [(1, 1), (0, 0)]
        (v0, p0), (v1, p1) = ticks[0], ticks[-1]
        self.scale = (p1 - p0) / (v1 - v0)
        self.v0, self.p0 = v0, p0
        steps = {round(b[0] - a[0], 9) for a, b in zip(ticks, ticks[1:])}
        if len(steps) != 1:
            wrong("%s: uneven steps between ticks %s" % (what, sorted(steps)))
        self.step = steps.pop() if steps else 1
        mantissa = self.step / 10 ** math.floor(math.log10(self.step))
        if not any(close(mantissa, m, 1e-6) for m in (1, 2, 5)):
            wrong("%s: a step of %g is not 1, 2 or 5 times a power of ten" % (what, self.step))
        for v, p in ticks:
            if not close(self.at(v), p):
                wrong("%s: tick %g at %g, not on the line of the others (%g)" % (what, v, p, self.at(v)))

    def at(self, v):
        return self.p0 + (v - self.v0) * self.scale

    def value(self, p):
        return self.v0 + (p - self.p0) / self.scale


def ranking_figures(root):
    return [n for n in root.walk() if n.tag == "figure" and "ranking" in n.cls()]


def ranking_axis(fig, what):
    ticks = [(float(t.all_text()), t.num("x")) for t in fig.walk()
             if t.tag == "text" and "tick" in t.cls()]
    return Axis(ticks, what)


def caption(fig):
    return next(n.all_text().strip() for n in fig.walk() if n.tag == "figcaption")


def bars(fig):
    """(name, rank, rect, total text, verdict text) of each ranked bar."""
    for g in fig.walk():
        if g.tag != "g" or "bar" not in g.cls():
            continue
        rects = [n for n in g.walk() if n.tag == "rect"]
        if not rects:
            continue
        label = next(n for n in g.walk() if n.tag == "text").all_text()
        rank, name = label.split(". ", 1)
        total = next(n for n in g.walk() if n.tag == "text" and "total" in n.cls())
        verdict = next((n.all_text().strip() for n in total.walk() if "verdict" in n.cls()), "")
        yield name, int(rank), rects[0], total.text.strip(), verdict


def cmd_ranking(page, ranking_csv):
    rows = {r["unit_name"]: r for r in csv.DictReader(open(ranking_csv, encoding="utf-8-sig"))}
    figures = ranking_figures(parse(page))
    if not figures:
        wrong("no ranking chart")
        done()
    axes = [ranking_axis(f, caption(f)) for f in figures]
    if len({tuple(a.ticks) for a in axes}) != 1:
        wrong("the groups' axes differ: %s" % [a.ticks for a in axes])
    zero = axes[0].at(0)
    seen = 0
    for fig, axis in zip(figures, axes):
        for name, rank, rect, total, verdict in bars(fig):
            seen += 1
            row = rows.get(name)
            if not row:
                wrong("%s: a bar for a unit the ranking does not have" % name)
                continue
            want = float(row["total"])
            if total != row["total"] or int(row["rank"]) != rank:
                wrong("%s: written %s, rank %d; the ranking says %s, rank %s"
                      % (name, total, rank, row["total"], row["rank"]))
            x, w = rect.num("x"), rect.num("width")
            start, end = min(zero, axis.at(want)), max(zero, axis.at(want))
            # the bar is drawn to the total, which is written to 2 decimals
            tol = abs(axis.scale) * 0.005 + 0.02
            if not (close(x, start, tol) and close(x + w, end, tol)):
                wrong("%s: a bar from %g to %g; its total %g is %g to %g on the axis"
                      % (name, x, x + w, want, start, end))
            verdict_class = "bar-" + ("vetoed" if row["verdict"] == "vetoed" else row["verdict"])
            if verdict_class not in rect.cls():
                wrong("%s: a bar of class %s, the verdict %s" % (name, rect.cls(), row["verdict"]))
            if (row["verdict"] == "none") != (verdict == ""):
                wrong("%s: verdict %s, written after the bar as '%s'" % (name, row["verdict"], verdict))
    ranked = sum(1 for r in rows.values() if r["rank"] not in ("", "0"))
    if seen != ranked:
        wrong("%d bars for %d ranked units" % (seen, ranked))
    a = axes[0]
    done(["%d groups on one axis %s to %s by %s: %d bars, %.4g per point"
          % (len(figures), fmt(a.ticks[0][0]), fmt(a.ticks[-1][0]), fmt(a.step), seen, a.scale)])


def fmt(v):
    return ("%.6f" % v).rstrip("0").rstrip(".")


def cmd_lines(page):
    out = []
    for fig in ranking_figures(parse(page)):
        axis = ranking_axis(fig, caption(fig))
        for line in fig.walk():
            if line.tag != "line" or "vline" not in line.cls():
                continue
            kind = [c[6:] for c in line.cls() if c.startswith("vline-")][0]
            label = next(n.all_text() for n in fig.walk() if "vlabel-" + kind in n.cls())
            if not close(line.num("x1"), line.num("x2")):
                wrong("%s: the %s line is not upright" % (caption(fig), kind))
            out.append("%s: %s at %s, labelled %s"
                       % (caption(fig), kind, fmt(round(axis.value(line.num("x1")), 2)), label))
    done(out)


def cmd_trend(page, unit):
    root = parse(page)
    section = next((n for n in root.walk() if n.attrs.get("id") == "unit-" + unit), None)
    fig = section and next((n for n in section.walk() if "trend" in n.cls()), None)
    if not fig:
        wrong("no monthly chart for %s" % unit)
        done()
    yaxis = next(n for n in fig.walk() if "y-axis" in n.cls())
    months = next(n for n in fig.walk() if "months" in n.cls())
    grid = [n.num("y1") for n in yaxis.walk() if "grid" in n.cls()]
    labels = [float(t.all_text()) for t in yaxis.walk() if t.tag == "text"]
    ticks = sorted(zip(labels, grid))
    axis = Axis(ticks, unit + "'s y axis")
    names = [(t.all_text(), t.num("x")) for t in months.walk() if t.tag == "text"]
    if [x for _, x in names] != sorted(x for _, x in names):
        wrong("the months are out of order")
    where = {name: x for name, x in names}
    values = []
    for c in fig.walk():
        if c.tag != "circle":
            continue
        month, total = c.children[0].all_text().split(": ")
        values.append(float(total))
        if not close(where.get(month, -1), c.num("cx")):
            wrong("%s's point is not above its month" % month)
        if not close(axis.at(float(total)), c.num("cy"), abs(axis.scale) * 0.005 + 0.02):
            wrong("%s's point at %g, its total %s at %g on the axis"
                  % (month, c.num("cy"), total, axis.at(float(total))))
    low, high = ticks[0][0], ticks[-1][0]
    if values and not (low <= min(values) and max(values) <= high):
        wrong("the axis %g to %g leaves out totals %s" % (low, high, values))
    if values and high - low > 2 * max(max(values) - min(values), 1) + 2 * axis.step:
        wrong("the axis %g to %g is far wider than the totals %s" % (low, high, values))
    done(["months: " + " ".join(n for n, _ in names),
          "y: " + " ".join(fmt(v) for v, _ in ticks),
          "points: %d" % len(values)])


# ---- the ranking in grey ---------------------------------------------------

SOLID = ".bar-commendation{fill:#2e9d48}.bar-none{fill:#5b7db1;stroke:none}" \
        ".bar-red_light{fill:#d63c3c;stroke:none}.bar-vetoed{fill:#e08a1e;stroke:none}"


def cmd_grey_page(page, out, solid=False):
    """The charts' SVG as the page has it, stacked from the top left, then
    the legend (its first key holds the patterns); their places in JSON
    beside the page."""
    html = open(page, encoding="utf-8").read()
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    legend = re.search(r'<p class="legend"><span><svg.*?</p>', html, re.S).group(0)
    svgs = re.findall(r'<figure class="ranking">.*?(<svg.*?</svg>)', html, re.S)
    places, top = [], 0
    for svg in svgs:
        places.append({"top": top, "svg": svg})
        top += int(re.search(r'height="(\d+)"', svg).group(1))
    extra = "body{margin:0;padding:0;max-width:none}svg{display:block}" + (SOLID if solid else "")
    with open(out, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><style>%s%s</style></head><body>%s%s'
                '</body></html>\n' % (style, extra, "".join(p["svg"] for p in places), legend))
    width = max(int(re.search(r'width="(\d+)"', p["svg"]).group(1)) for p in places)
    json.dump({"places": places, "width": width, "height": top + 40}, open(out + ".json", "w"))
    print("%d,%d" % (width, top + 40))


def cmd_grey_check(page, png):
    from PIL import Image
    grey = Image.open(png).convert("L")
    places = json.load(open(page + ".json"))["places"]
    looks = {}
    for place in places:
        t = Tree()
        t.feed(place["svg"])
        for rect in t.root.walk():
            if rect.tag != "rect" or rect.num("width") < 12:
                continue
            x, y = rect.num("x"), rect.num("y") + place["top"]
            box = (int(x) + 2, int(y) + 2, int(x + rect.num("width")) - 2, int(y + rect.num("height")) - 2)
            pixels = list(grey.crop(box).getdata())
            looks.setdefault(rect.cls()[0], []).append((statistics.mean(pixels), statistics.pstdev(pixels)))
    out = []
    for kind, seen in sorted(looks.items()):
        m = [s[0] for s in seen]
        d = [s[1] for s in seen]
        if max(m) - min(m) > 12 or max(d) - min(d) > 12:
            wrong("%s: its bars look unlike each other in grey: %s" % (kind, seen))
        looks[kind] = (statistics.mean(m), statistics.mean(d))
        out.append("%s: grey %.0f, spread %.0f (%d bars)" % (kind, looks[kind][0], looks[kind][1], len(seen)))
    kinds = sorted(looks)
    if len(kinds) < 2:
        wrong("fewer than two verdicts to tell apart: %s" % kinds)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            (ma, da), (mb, db) = looks[a], looks[b]
            if abs(ma - mb) < 25 and abs(da - db) < 20:
                wrong("%s and %s look alike in grey (grey %.0f and %.0f, spread %.0f and %.0f)"
                      % (a, b, ma, mb, da, db))
    done(out)


def main(argv):
    cmds = {"ranking": cmd_ranking, "lines": cmd_lines, "trend": cmd_trend,
            "grey-check": cmd_grey_check}
    if len(argv) >= 3 and argv[0] == "grey-page":
        cmd_grey_page(argv[1], argv[2], "--solid" in argv[3:])
    elif argv and argv[0] in cmds:
        cmds[argv[0]](*argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])

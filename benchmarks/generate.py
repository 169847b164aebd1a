"""Deterministic synthetic data for the scale benchmark (issue 5), as SPEC §2 CSV files.

    python benchmarks/generate.py --size small            # 10,000 projects, 1,000,000 payments
    python benchmarks/generate.py --size large            # 100,000 projects, 10,000,000 payments
    python benchmarks/generate.py --projects 100000 --payments 10000000 --out benchmarks/out/large

Writes plan.csv, adjustments.csv and disbursements.csv (English headers, UTF-8, no BOM) for
fiscal year 2025 into --out (default benchmarks/out/SIZE), plus manifest.json with the
parameters, row counts, totals and the time taken. Everything is synthetic: the same
arguments give byte-for-byte the same files (numpy's PCG64 with a fixed seed).

What the data looks like:
* sections: 200 (100 for small) plausible budget units, "东湖区教育局" …, of varying size;
* projects: P2025-000001 …, budgets in 万元 with up to 2 decimals (about 1 % are 0),
  log-normally spread (median ≈ 50 万元), with one of these checkpoint schedules:
  m03/m06/m09/m12 = 0/0/0/100, 25/50/75/100, m03/m06/m10/m12 = 10/40/70/100 (the source
  document's months), a single m12 = 100, irregular m02/m07/m11, monthly, or ending below 100;
* payments: spread over the year following each project's plan with a per-project lag and
  execution factor (so every status occurs, some projects are overspent), 2-decimal yuan,
  about 1 % reversals (negative), sorted by date, voucher numbers 2025-00000001 … unique;
* adjustments: 追加 (+) and small 追减 (−) in 万元 with 2 decimals; no running budget ever
  goes below 0 (checked before writing), doc numbers 财预〔2025〕N号 unique.
* layout "detail" (the default; issue 33, SPEC §5): the treasury system's payment detail lines: two lines per
  支付凭证号 (voucher_no 2025-00000001 on lines 1 and 2, same date and project), each with line_no, budget_year
  (the pay date's year), quota_doc_no (the project's 指标文号 财指〔2025〕N号), source (about a tenth 中央直达资金,
  with direct 是), direct 是/否, unit_code and unit_name (the project's 预算单位: one per ~33 projects, so 3,000
  at 100,000 projects, as in the plan file's unit_code/unit_name columns). Layout "plain" (--layout plain) is
  the layout before issue 33: one line per voucher, none of those columns, no units in the plan.

Needs numpy, pandas and pyarrow (all in requirements.txt).
"""

from __future__ import annotations

import argparse
import calendar
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

YEAR = 2025
SEED = 20250505
PRESETS = {
    "small": {"projects": 10_000, "payments": 1_000_000, "sections": 100, "adjustments": 500},
    "large": {"projects": 100_000, "payments": 10_000_000, "sections": 200, "adjustments": 5_000},
}
OUT_ROOT = Path(__file__).resolve().parent / "out"
LAYOUTS = ("detail", "plain")
SOURCES = ["本级安排资金", "上级转移支付", "中央直达资金", "省级专项资金"]
SOURCE_SHARES = [0.55, 0.20, 0.10, 0.15]       # 中央直达资金 (direct) a tenth
PROJECTS_PER_UNIT = 33

REGIONS = ["省", "东湖区", "西山区", "南城区", "北塘区", "江口县", "河源县", "青山县", "白水县", "临川县",
           "石门县", "云岭县", "桃源县", "松阳县", "平安县", "长乐县", "永宁县", "安远县", "新丰县", "龙泉县"]
UNITS = ["教育局", "卫生健康委员会", "农业农村局", "交通运输局", "民政局", "住房和城乡建设局", "自然资源局",
         "生态环境局", "文化和旅游局", "人力资源和社会保障局"]
PURPOSES = ["办公设备购置", "信息系统运维", "基础设施维修", "专项业务经费", "干部教育培训", "政府购买服务",
            "课题研究", "宣传印刷", "设备维护及网络租赁", "代理记账服务", "业务委托费", "公共卫生服务补助",
            "农田水利建设", "农村公路养护", "乡村振兴衔接资金", "学生资助", "环境监测", "档案数字化",
            "安全生产检查", "群众文化活动", "社会救助", "就业创业补贴", "城市管网改造", "森林防火"]
PAYEES = ["某某科技有限公司", "某某建设工程有限公司", "某某信息技术有限公司", "某某通信有限公司",
          "某某印务有限公司", "某某会计师事务所", "某某物业服务有限公司", "某某设备有限公司",
          "某某咨询有限公司", "某某环境工程有限公司", "某某医疗器械有限公司", "某某教育服务中心",
          "某某农业发展有限公司", "某某交通建设有限公司", "某某软件有限公司", "某某餐饮服务有限公司"]
SUMMARIES = ["设备购置款", "服务费", "工程进度款", "维护费", "培训费", "印刷费", "咨询费", "租赁费",
             "补助资金", "材料费", "委托业务费", "劳务费"]

# Checkpoint schedules: (probability, {month: pct}). Percentages have at most 2 decimals.
SCHEDULES = [
    (0.14, {3: 0, 6: 0, 9: 0, 12: 100}),
    (0.22, {3: 25, 6: 50, 9: 75, 12: 100}),
    (0.20, {3: 10, 6: 40, 10: 70, 12: 100}),
    (0.08, {12: 100}),
    (0.08, {2: 15, 7: 60, 11: 100}),
    (0.08, {m: round(100 * m / 12, 2) for m in range(1, 13)}),
    (0.06, {3: 20, 6: 40, 9: 60, 12: 90}),
    (0.05, {6: 30, 12: 80}),
    (0.05, {4: 33.33, 8: 66.67, 12: 100}),
    (0.04, {3: 0, 6: 0, 10: 70, 12: 100}),
]


def section_names(n: int) -> list[str]:
    names = []
    for i in range(n):
        region, unit = REGIONS[i // len(UNITS) % len(REGIONS)], UNITS[i % len(UNITS)]
        name = region + unit
        if region == "省":
            name = name.replace("局", "厅")
        names.append(name if i < len(REGIONS) * len(UNITS) else f"{name}{i // 200 + 1}")
    return names


def decimal_strings(units: np.ndarray, scale: int) -> pa.Array:
    """Integer amounts in 10^-scale units -> exact decimal text ("1234.50", "-0.30")."""
    units = np.ascontiguousarray(units, dtype=np.int64)
    words = np.empty((len(units), 2), dtype=np.int64)   # decimal128 = little-endian two's complement
    words[:, 0] = units
    words[:, 1] = np.where(units < 0, -1, 0)
    array = pa.Array.from_buffers(pa.decimal128(38, scale), len(units), [None, pa.py_buffer(words.tobytes())])
    return pc.cast(array, pa.string())


def padded(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers, pa.int64()), pa.string()), width, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def month_ends(year: int) -> np.ndarray:
    return np.array([np.datetime64(f"{year}-{m:02d}-{calendar.monthrange(year, m)[1]:02d}") for m in range(1, 13)])


def plan_curves(schedule_ids: np.ndarray) -> np.ndarray:
    """Planned cumulative share (0..1) at the end of months 1..12 for each project (SPEC §1)."""
    table = np.zeros((len(SCHEDULES), 12))
    for k, (_, points) in enumerate(SCHEDULES):
        xs = [0] + sorted(points)
        ys = [0] + [points[m] for m in sorted(points)]
        table[k] = np.interp(np.arange(1, 13), xs, ys) / 100
    return table[schedule_ids]


def generate(projects: int, payments: int, sections: int, adjustments: int, out: Path,
             seed: int = SEED, chunk: int = 1_000_000, layout: str = "detail") -> dict:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    detail = layout == "detail"
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------------ plan
    names = section_names(sections)
    weights = rng.lognormal(0, 0.6, sections)
    section_of = rng.choice(sections, projects, p=weights / weights.sum())
    section_of[:sections] = np.arange(sections)            # every section has projects
    probs = np.array([p for p, _ in SCHEDULES])
    schedule = rng.choice(len(SCHEDULES), projects, p=probs / probs.sum())
    budget_c = np.round(rng.lognormal(np.log(50), 1.1, projects), 2)            # 万元
    budget_c = np.clip(budget_c, 0.5, 20_000)
    budget_c = (budget_c * 100).round().astype(np.int64)                        # hundredths of 万元 = 100 yuan
    budget_c[rng.random(projects) < 0.01] = 0
    codes = [f"P{YEAR}-{i:06d}" for i in range(1, projects + 1)]
    purpose = rng.integers(0, len(PURPOSES), projects)
    plan = pd.DataFrame({
        "fiscal_year": YEAR,
        "project_code": codes,
        "project_name": [f"{names[s]}{PURPOSES[p]}项目" for s, p in zip(section_of, purpose)],
        "section": [names[s] for s in section_of],
        "budget_wan": decimal_strings(budget_c, 2).to_pylist(),
    })
    # 预算单位: runs of PROJECTS_PER_UNIT projects of one section (in section order); named after the
    # section of its first project (a unit at a section boundary has projects in two sections)
    by_section = np.argsort(section_of, kind="stable")
    unit_of = np.empty(projects, dtype=np.int64)
    unit_of[by_section] = np.arange(projects) // PROJECTS_PER_UNIT
    unit_section = section_of[by_section][::PROJECTS_PER_UNIT]
    unit_codes = padded("U", unit_of, 5)
    if detail:
        plan["unit_code"] = unit_codes.to_pylist()
        plan["unit_name"] = [f"{names[unit_section[u]]}第{u + 1}单位" for u in unit_of]
    for m in range(1, 13):
        column = []
        for k in schedule:
            pct = SCHEDULES[k][1].get(m)
            column.append("" if pct is None else f"{pct:g}")
        plan[f"m{m:02d}"] = column
    plan.to_csv(out / "plan.csv", index=False, encoding="utf-8", lineterminator="\n")

    # ------------------------------------------------------------------ adjustments
    adj_project = rng.choice(projects, adjustments, p=None)
    adj_day = rng.integers(0, 365, adjustments)
    adj_date = np.datetime64(f"{YEAR}-01-01") + np.sort(adj_day).astype("timedelta64[D]")
    increase = rng.random(adjustments) < 0.6
    up = np.maximum(1, (rng.lognormal(np.log(5), 1.0, adjustments) * 100).round()).astype(np.int64)
    down = -np.floor(budget_c[adj_project] * rng.uniform(0.01, 0.12, adjustments)).astype(np.int64)
    adj_amount = np.where(increase | (down == 0), up, down)
    frame = pd.DataFrame({"p": adj_project, "d": adj_date, "a": adj_amount})
    running = frame.groupby("p")["a"].cumsum() + budget_c[frame["p"]]   # dates are sorted
    while (running < 0).any():      # make any reduction that would go below 0 an increase
        first = running[running < 0].index[0]
        frame.loc[first, "a"] = -frame.loc[first, "a"]
        running = frame.groupby("p")["a"].cumsum() + budget_c[frame["p"]]
    adj_amount = frame["a"].to_numpy()
    adj = pa.table({
        "doc_no": padded(f"财预〔{YEAR}〕", np.arange(1, adjustments + 1), 1),
        "project_code": pa.array(codes).take(pa.array(adj_project)),
        "effective_date": pa.array(adj_date.astype("datetime64[D]")),
        "amount_wan": decimal_strings(adj_amount, 2),
        "reason": pa.array(np.where(adj_amount > 0, "追加预算", "压减一般性支出").tolist()),
    })
    adj = adj.set_column(0, "doc_no", pc.binary_join_element_wise(adj["doc_no"], pa.scalar("号"), ""))
    _write(adj, out / "adjustments.csv", chunk)
    adjusted_c = budget_c + np.bincount(adj_project, weights=adj_amount, minlength=projects).astype(np.int64)

    # ------------------------------------------------------------------ payments
    curves = plan_curves(schedule)                                        # P × 12 cumulative plan
    lag = rng.choice([0, 0, 1, 1, 2, 3], projects)                        # months behind plan
    lagged = np.concatenate([np.zeros((projects, 3)), curves], axis=1)
    lagged = lagged[np.arange(projects)[:, None], np.arange(12)[None, :] + 3 - lag[:, None]]
    increments = np.diff(np.concatenate([np.zeros((projects, 1)), lagged], axis=1), axis=1)
    increments = 0.8 * increments / np.maximum(increments.sum(1, keepdims=True), 1e-9) + 0.2 / 12
    cdf = np.cumsum(increments, axis=1)
    cdf /= cdf[:, -1:]
    weight = np.sqrt(adjusted_c.astype(float) + 100)
    pay_project = rng.choice(projects, payments, p=weight / weight.sum()).astype(np.int32)
    counts = np.bincount(pay_project, minlength=projects)
    execution = np.clip(rng.normal(0.88, 0.15, projects), 0.05, 1.25)     # share of budget paid by 31 Dec
    target_yuan = np.maximum(adjusted_c, 100) * 100 * execution
    month = np.empty(payments, dtype=np.int64)
    for start in range(0, payments, chunk):
        stop = min(payments, start + chunk)
        u = rng.random(stop - start)
        month[start:stop] = (u[:, None] > cdf[pay_project[start:stop]]).sum(1)
    month = np.minimum(month, 11)
    first = np.array([np.datetime64(f"{YEAR}-{m:02d}-01") for m in range(1, 13)])
    days = np.array([calendar.monthrange(YEAR, m)[1] for m in range(1, 13)])
    pay_date = first[month] + (rng.random(payments) * days[month]).astype("timedelta64[D]")
    noise = rng.lognormal(0, 0.6, payments)
    noise /= np.exp(0.6 ** 2 / 2)
    fen = np.round(target_yuan[pay_project] / np.maximum(counts[pay_project], 1) * noise * 100).astype(np.int64)
    fen = np.maximum(fen, 1)
    reversal = rng.random(payments) < 0.01
    fen[reversal] = -np.maximum(1, fen[reversal] // rng.integers(2, 10, reversal.sum()))
    order = np.argsort(pay_date, kind="stable")
    pay_project, pay_date, fen = pay_project[order], pay_date[order], fen[order]
    if detail:   # two detail lines per voucher: the second line pays the same project on the same day
        pay_project[1::2] = pay_project[0::2][:len(pay_project[1::2])]
        pay_date[1::2] = pay_date[0::2][:len(pay_date[1::2])]
        source_idx = rng.choice(len(SOURCES), payments, p=SOURCE_SHARES)
        unit_names = pa.array(plan["unit_name"].tolist())
        sources = pa.array(SOURCES)
    payee_idx = rng.integers(0, len(PAYEES), payments)[order]
    summary_idx = rng.integers(0, len(SUMMARIES), payments)[order]
    code_array = pa.array(codes)
    payees, summaries = pa.array(PAYEES), pa.array(SUMMARIES)
    path = out / "disbursements.csv"
    writer = None
    sink = open(path, "wb")
    total_fen = int(fen.sum())
    for start in range(0, payments, chunk):
        stop = min(payments, start + chunk)
        rows = np.arange(start, stop)
        columns = {
            "voucher_no": padded(f"{YEAR}-", rows // 2 + 1 if detail else rows + 1, 8),
            "project_code": code_array.take(pa.array(pay_project[start:stop])),
            "pay_date": pa.array(pay_date[start:stop].astype("datetime64[D]")),
            "amount_yuan": decimal_strings(fen[start:stop], 2),
            "payee": payees.take(pa.array(payee_idx[start:stop])),
            "summary": summaries.take(pa.array(summary_idx[start:stop])),
        }
        if detail:
            project = pa.array(pay_project[start:stop])
            source = source_idx[start:stop]
            columns.update({
                "line_no": pa.array(rows % 2 + 1),
                "budget_year": pa.array(np.full(stop - start, YEAR)),
                "quota_doc_no": pc.binary_join_element_wise(
                    padded(f"财指〔{YEAR}〕", pay_project[start:stop].astype(np.int64) + 1, 1), pa.scalar("号"), ""),
                "source": sources.take(pa.array(source)),
                "direct": pa.array(np.where(source == SOURCES.index("中央直达资金"), "是", "否")),
                "unit_code": unit_codes.take(project),
                "unit_name": unit_names.take(project),
            })
        part = pa.table(columns)
        if writer is None:
            sink.write((",".join(part.column_names) + "\n").encode())
            writer = pacsv.CSVWriter(sink, part.schema, write_options=_options(False))
        writer.write_table(part)
    if writer is None:
        sink.write(b"voucher_no,project_code,pay_date,amount_yuan,payee,summary"
                   + (b",line_no,budget_year,quota_doc_no,source,direct,unit_code,unit_name" if detail else b"") + b"\n")
    else:
        writer.close()
    sink.close()

    manifest = {
        "fiscal_year": YEAR, "seed": seed, "layout": layout, "sections": sections, "projects": projects,
        "payments": payments, "adjustments": adjustments,
        "reversals": int(reversal.sum()), "zero_budget_projects": int((budget_c == 0).sum()),
        "initial_budget_wan": f"{budget_c.sum() / 100:.2f}",
        "adjustments_wan": f"{adj_amount.sum() / 100:.2f}",
        "paid_wan": f"{total_fen / 1_000_000:.2f}",
        "files": {name: (out / name).stat().st_size for name in ("plan.csv", "adjustments.csv", "disbursements.csv")},
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def _options(header: bool) -> pacsv.WriteOptions:
    return pacsv.WriteOptions(include_header=header, quoting_style="none", batch_size=65536)


def _write(table: pa.Table, path: Path, chunk: int) -> None:
    with open(path, "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode())
        pacsv.write_csv(table, sink, write_options=_options(False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(PRESETS), help="preset (small: 10k/1M, large: 100k/10M)")
    parser.add_argument("--projects", type=int)
    parser.add_argument("--payments", type=int)
    parser.add_argument("--sections", type=int)
    parser.add_argument("--adjustments", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--layout", choices=LAYOUTS, default="detail",
                        help="detail: issue 33's payment detail lines with their columns (default); plain: the layout before")
    parser.add_argument("--out", type=Path, help="output folder (default benchmarks/out/SIZE)")
    args = parser.parse_args(argv)
    preset = PRESETS[args.size or "small"]
    projects = args.projects or preset["projects"]
    payments = args.payments if args.payments is not None else preset["payments"]
    if args.size is None and args.projects is not None:   # derive the other counts from the project count
        large = projects >= 50_000
        preset = PRESETS["large" if large else "small"]
    sections = args.sections or min(preset["sections"], projects)
    adjustments = args.adjustments if args.adjustments is not None else max(1, round(projects / 20))
    out = args.out or OUT_ROOT / (args.size or f"p{projects}-d{payments}")
    manifest = generate(projects, payments, sections, adjustments, out, seed=args.seed, layout=args.layout)
    print(json.dumps({"out": str(out), **manifest}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generate the SAMPLE (synthetic) 2021 disbursements and adjustment.

Every payment here is invented: voucher numbers start with ``SAMPLE-`` and the
payees are made-up names ("承德某某…有限公司").  Nothing in these files is a real
payment of 承德高新区财政局.  The amounts are chosen so that, at the end of
November 2021, the demo dashboard shows a realistic mix of statuses (SPEC §1):

    QS1Q on_track, DAES lagging, A8GD on_track, RQRQ severe (after a 10 万元 追减),
    EI6K overspent, V7G1 on_track, 476T on_track (spending mostly July-October).

Usage:  python data/make_sample.py [OUTPUT_DIR]

Writes sample-disbursements-2021.csv and sample-adjustments-2021.csv, and the SAMPLE
previous year sample-plan-2020.csv and sample-disbursements-2020.csv (UTF-8, no
BOM, "\\n" line ends) into OUTPUT_DIR (default: the folder of this script) and
prints each project's cumulative paid amount and share at months 8, 10 and 11.
Standard library only; the random seed is fixed, so the output is byte-for-byte
the same on every run.
"""

import calendar
import csv
import datetime as dt
import random
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

YEAR = 2021
SEED = 20211130
LAST_DATE = dt.date(YEAR, 11, 30)

DISBURSEMENT_FILE = "sample-disbursements-2021.csv"
ADJUSTMENT_FILE = "sample-adjustments-2021.csv"
DISBURSEMENT_HEADER = ["凭证号", "项目编码", "支付日期", "金额(元)", "收款单位", "摘要"]
ADJUSTMENT_HEADER = ["文号", "项目编码", "调整日期", "调整金额(万元)", "调整原因"]

# Plan of the source document (copied here so the script stays stand-alone):
# code -> (年初预算数 万元, {month: cumulative planned %})
PLAN = {
    "106-0401-YBN-QS1Q": (Decimal("30"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0401-YBN-A8GD": (Decimal("17"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0401-YBN-DAES": (Decimal("21"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0601-YBN-RQRQ": (Decimal("173"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0201-YBN-EI6K": (Decimal("8"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0201-YBN-V7G1": (Decimal("20"), {3: 0, 6: 0, 10: 0, 12: 100}),
    "106-0501-YBN-476T": (Decimal("20"), {3: 0, 6: 0, 10: 70, 12: 100}),
}

ADJUSTMENTS = [
    # 文号, 项目编码, 调整日期, 调整金额(万元), 调整原因
    ("SAMPLE-调-2021-01", "106-0601-YBN-RQRQ", dt.date(YEAR, 9, 15), Decimal("-10"),
     "压减一般性支出（示例数据）"),
]

# Invented payees (all "某某" names: none of them is a real company).
TELECOM = "某某通信有限公司承德分公司"
NETWORK = "承德某某网络科技有限公司"

# (key, project, month, (first day, last day), amount in yuan, payee, summary)
# key: a label used only to let a reversal point at the payment it cancels.
# A reversal has the amount negative and summary "冲销{voucher}…", where {voucher}
# is filled with the voucher number of the payment named by its key.
PAYMENTS = [
    # 国库电子化和一体化建设 30 万元 -> about 46% by end of November
    ("qs1", "106-0401-YBN-QS1Q", 4, (6, 28), "42000.00", "河北某某软件技术有限公司", "预算管理一体化平台模块升级费（首期）"),
    ("qs2", "106-0401-YBN-QS1Q", 6, (6, 28), "36500.00", "承德某某信息技术有限公司", "国库电子支付系统维护费（上半年）"),
    ("qs3", "106-0401-YBN-QS1Q", 9, (6, 28), "29800.00", "河北某某软件技术有限公司", "预算管理一体化平台运维服务费（三季度）"),
    ("qs4", "106-0401-YBN-QS1Q", 11, (6, 26), "30300.00", "承德某某信息技术有限公司", "国库电子凭证库接口升级费"),
    # 预决算编审 21 万元 -> about 36% (lagging, about -14 points)
    ("da1", "106-0401-YBN-DAES", 3, (8, 26), "25000.00", "承德某某会计师事务所有限公司", "2020年度部门决算编审服务费（首期）"),
    ("da2", "106-0401-YBN-DAES", 5, (8, 26), "18000.00", "承德某某会计师事务所有限公司", "2020年度财政总决算审核服务费"),
    ("da3", "106-0401-YBN-DAES", 8, (8, 26), "9600.00", "河北某某财务软件有限公司", "预决算编审软件年度服务费"),
    ("da4", "106-0401-YBN-DAES", 11, (8, 26), "23260.00", "承德某某会计师事务所有限公司", "2022年部门预算编审服务费（首期）"),
    # 经济建设科 业务委托费 173 万元, 追减 10 万元 on 2021-09-15 -> about 22% of 163 (severe)
    ("rq1", "106-0601-YBN-RQRQ", 3, (10, 26), "86000.00", "承德某某项目管理咨询有限公司", "2020年度专项资金绩效评价服务费"),
    ("rq2", "106-0601-YBN-RQRQ", 6, (10, 26), "98000.00", "承德某某工程造价咨询有限公司", "项目预算评审服务费（上半年）"),
    ("rq3", "106-0601-YBN-RQRQ", 8, (10, 20), "125000.00", "承德某某工程造价咨询有限公司", "工程结算评审服务费"),
    ("rq4", "106-0601-YBN-RQRQ", 9, (22, 29), "-12000.00", "承德某某工程造价咨询有限公司", "冲销{rq3}部分金额（重复计费）"),
    ("rq5", "106-0601-YBN-RQRQ", 11, (10, 26), "61600.00", "承德某某项目管理咨询有限公司", "专项资金检查服务费"),
    # 会计培训 8 万元 -> 8.36 万元 paid (overspent)
    ("ei1", "106-0201-YBN-EI6K", 5, (10, 28), "12000.00", "承德某某酒店管理有限公司", "会计人员培训场地租赁费"),
    ("ei2", "106-0201-YBN-EI6K", 6, (7, 18), "45000.00", "河北某某财会培训学校", "会计人员继续教育培训服务费"),
    ("ei3", "106-0201-YBN-EI6K", 6, (21, 29), "8600.00", "承德某某印刷有限公司", "培训资料印制费"),
    ("ei4", "106-0201-YBN-EI6K", 10, (11, 28), "18000.00", "河北某某财会培训学校", "会计人员业务培训服务费（第二期）"),
    # 综合治税信息系统 20 万元 -> about 43%
    ("v71", "106-0201-YBN-V7G1", 3, (10, 28), "60000.00", "河北某某数据科技有限公司", "综合治税信息系统软件购置款（首付）"),
    ("v72", "106-0201-YBN-V7G1", 7, (10, 28), "15000.00", "河北某某数据科技有限公司", "涉税信息采集接口开发费"),
    ("v73", "106-0201-YBN-V7G1", 11, (10, 26), "11000.00", "河北某某数据科技有限公司", "综合治税信息系统运维服务费"),
    # 代理记账中心运转费 20 万元 -> about 80% (plan 85%), mostly July-October
    ("cz1", "106-0501-YBN-476T", 5, (10, 28), "4500.00", "承德某某商贸有限公司", "支付中心开办办公用品"),
    ("cz2", "106-0501-YBN-476T", 7, (5, 16), "60000.00", "承德某某装饰工程有限公司", "支付中心大厅装修工程款（首付）"),
    ("cz3", "106-0501-YBN-476T", 8, (10, 27), "18000.00", "承德某某办公设备有限公司", "办公电脑采购款"),
    ("cz4", "106-0501-YBN-476T", 9, (6, 17), "40000.00", "承德某某装饰工程有限公司", "支付中心大厅装修工程进度款"),
    ("cz5", "106-0501-YBN-476T", 9, (20, 29), "16000.00", "承德某某家具有限公司", "办公家具采购款"),
    ("cz6", "106-0501-YBN-476T", 10, (11, 15), "13500.00", "承德某某办公设备有限公司", "打印机、扫描仪等办公设备采购款"),
    ("cz7", "106-0501-YBN-476T", 10, (25, 29), "-3000.00", "承德某某办公设备有限公司", "冲销{cz6}部分金额（退回扫描仪一台）"),
    ("cz8", "106-0501-YBN-476T", 11, (8, 19), "6000.00", NETWORK, "支付中心网络布线费"),
    ("cz9", "106-0501-YBN-476T", 11, (22, 26), "5000.00", "承德某某商贸有限公司", "支付中心办公用品"),
    # 信息中心设备维护及网络租赁 17 万元: maintenance lumps ...
    ("a81", "106-0401-YBN-A8GD", 4, (12, 28), "8500.00", NETWORK, "服务器及存储设备维护费"),
    ("a82", "106-0401-YBN-A8GD", 7, (12, 28), "6200.00", NETWORK, "办公电脑及打印机维修费"),
    ("a83", "106-0401-YBN-A8GD", 10, (12, 28), "12800.00", "承德某某电子设备有限公司", "机房UPS电池更换费"),
]
# ... plus two network rentals every month, January-November -> about 55% in all.
for _m in range(1, 12):
    PAYMENTS.append((f"net{_m}a", "106-0401-YBN-A8GD", _m, (4, 12), "4200.00", TELECOM,
                     f"政务外网专线租赁费（{_m}月）"))
    PAYMENTS.append((f"net{_m}b", "106-0401-YBN-A8GD", _m, (4, 12), "1800.00", TELECOM,
                     f"网络租赁费（{_m}月）"))


def pick_day(rng, month, lo, hi):
    """A working day (Mon-Fri) of `month` between day lo and day hi."""
    last = calendar.monthrange(YEAR, month)[1]
    days = [d for d in range(lo, min(hi, last) + 1)
            if dt.date(YEAR, month, d).weekday() < 5]
    return dt.date(YEAR, month, rng.choice(days))


def build_disbursements():
    rng = random.Random(SEED)
    dated = []
    for order, (key, code, month, (lo, hi), amount, payee, summary) in enumerate(PAYMENTS):
        dated.append((pick_day(rng, month, lo, hi), order, key, code, Decimal(amount), payee, summary))
    dated.sort(key=lambda r: (r[0], r[1]))
    voucher = {key: f"SAMPLE-{YEAR}-{i:04d}" for i, (_, _, key, *_rest) in enumerate(dated, 1)}
    date_of = {r[2]: r[0] for r in dated}
    rows = []
    for pay_date, _, key, code, amount, payee, summary in dated:
        if amount < 0:
            target = summary.split("{", 1)[1].split("}", 1)[0]
            assert date_of[target] < pay_date, (key, target)
            summary = summary.format(**voucher)
            assert summary.startswith("冲销")
        assert dt.date(YEAR, 1, 1) <= pay_date <= LAST_DATE
        rows.append([voucher[key], code, pay_date.isoformat(), f"{amount:.2f}", payee, summary])
    return rows


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def plan_pct(checkpoints, month):
    prev_m, prev_p = 0, Fraction(0)
    for m in sorted(checkpoints):
        p = Fraction(checkpoints[m])
        if month <= m:
            return prev_p + (p - prev_p) * (month - prev_m) / (m - prev_m)
        prev_m, prev_p = m, p
    return prev_p


def report(rows):
    print("project            month  budget万  paid万   share%   plan%  deviation  status")
    for code, (initial, checkpoints) in PLAN.items():
        for month in (8, 10, 11):
            cutoff = dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])
            budget = Fraction(initial) + sum(
                (Fraction(a) for _, c, d, a, _ in ADJUSTMENTS if c == code and d <= cutoff), Fraction(0))
            paid_yuan = sum((Fraction(Decimal(r[3])) for r in rows
                             if r[1] == code and dt.date.fromisoformat(r[2]) <= cutoff), Fraction(0))
            actual = paid_yuan / 10000
            share = actual / budget * 100
            plan = plan_pct(checkpoints, month)
            dev = share - plan
            if actual > budget:
                status = "overspent"
            elif dev < -20:
                status = "severe"
            elif dev < -10:
                status = "lagging"
            else:
                status = "on_track"
            assert dev not in (-10, -20), (code, month)
            print(f"{code}  {month:>5}  {float(budget):>7.2f}  {float(actual):>6.2f}  "
                  f"{float(share):>7.2f}  {float(plan):>6.2f}  {float(dev):>9.2f}  {status}")


# --------------------------------------------------------------------------- the SAMPLE previous year (2020)
# A made-up 2020 of the same bureau, so that the demo can compare this year with last year. Six
# projects continue with the same 项目编码 (smaller budgets, other schedules); 代理记账中心运转费 does
# not exist yet (the 集中支付中心 was founded in 2021); two 2020-only projects carry "（示例）" in
# their names. Nothing here is real: vouchers start with SAMPLE-2020-, payees are "某某" names.

YEAR_2020 = 2020
SEED_2020 = 20201130
PLAN_2020_FILE = "sample-plan-2020.csv"
DISBURSEMENT_2020_FILE = "sample-disbursements-2020.csv"
PLAN_2020_HEADER = (["年度", "项目编码", "项目名称", "科室", "年初预算数(万元)"] + [f"{m}月底" for m in range(1, 13)]
                    + ["资金用途", "单位编码", "预算单位"])
UNIT_2020 = ["106", "承德高新技术产业开发区财政局"]   # the department of every project (issue 34)
# code -> (项目名称, 科室, 年初预算数 万元, {month: cumulative %}, 资金用途)
PLAN_2020 = {
    "106-0401-YBN-QS1Q": ("国库电子化和一体化建设", "预算国库科", "25", {3: 10, 6: 40, 10: 70, 12: 100},
                          "用于国库电子化和一体化建设（2020年示例数据）。"),
    "106-0401-YBN-A8GD": ("信息中心设备维护及网络租赁", "综合科", "16", {3: 25, 6: 50, 10: 80, 12: 100},
                          "信息中心设备维护及网络租赁（2020年示例数据）"),
    "106-0401-YBN-DAES": ("预决算编审", "预算国库科", "20", {3: 20, 6: 50, 10: 80, 12: 100},
                          "用于预决算编制工作（2020年示例数据）"),
    "106-0601-YBN-RQRQ": ("业务委托费", "经济建设科", "150", {3: 10, 6: 35, 10: 75, 12: 100},
                          "开展绩效评价及预算评审（2020年示例数据）。"),
    "106-0201-YBN-EI6K": ("会计培训", "非税综合科", "6", {6: 50, 12: 100}, "开展会计人员培训（2020年示例数据）"),
    "106-0201-YBN-V7G1": ("综合治税信息系统", "农业农村科", "18", {3: 0, 6: 30, 10: 70, 12: 100},
                          "综合治税信息系统运维（2020年示例数据）。"),
    "106-0401-YBN-S20A": ("办公楼网络改造（示例）", "综合科", "12", {6: 50, 10: 100},
                          "办公楼网络线路改造（2020年示例数据）"),
    "106-0201-YBN-S20B": ("财政票据电子化改革（示例）", "非税综合科", "10", {3: 0, 6: 40, 10: 80, 12: 100},
                          "财政票据电子化系统建设（2020年示例数据）"),
}
# (project, month, amount in yuan, payee, summary): 2020 ran close to plan, a little behind in places
PAYMENTS_2020 = [
    ("106-0401-YBN-QS1Q", 3, "20000.00", "河北某某软件技术有限公司", "国库集中支付系统维护费（一季度）"),
    ("106-0401-YBN-QS1Q", 6, "65000.00", "承德某某信息技术有限公司", "国库电子化系统升级费"),
    ("106-0401-YBN-QS1Q", 9, "48000.00", "河北某某软件技术有限公司", "一体化平台前期建设费"),
    ("106-0401-YBN-QS1Q", 12, "110000.00", "河北某某软件技术有限公司", "一体化平台建设费（尾款）"),
    ("106-0401-YBN-DAES", 4, "38000.00", "承德某某会计师事务所有限公司", "2019年度部门决算编审服务费"),
    ("106-0401-YBN-DAES", 7, "40000.00", "承德某某会计师事务所有限公司", "2019年度财政总决算审核服务费"),
    ("106-0401-YBN-DAES", 11, "70000.00", "承德某某会计师事务所有限公司", "2021年部门预算编审服务费"),
    ("106-0601-YBN-RQRQ", 3, "120000.00", "承德某某项目管理咨询有限公司", "2019年度专项资金绩效评价服务费"),
    ("106-0601-YBN-RQRQ", 6, "330000.00", "承德某某工程造价咨询有限公司", "项目预算评审服务费（上半年）"),
    ("106-0601-YBN-RQRQ", 9, "420000.00", "承德某某工程造价咨询有限公司", "工程结算评审服务费"),
    ("106-0601-YBN-RQRQ", 11, "310000.00", "承德某某项目管理咨询有限公司", "专项资金检查服务费"),
    ("106-0201-YBN-EI6K", 6, "30000.00", "河北某某财会培训学校", "会计人员继续教育培训服务费"),
    ("106-0201-YBN-EI6K", 11, "26000.00", "河北某某财会培训学校", "会计人员业务培训服务费（第二期）"),
    ("106-0201-YBN-V7G1", 5, "50000.00", "河北某某数据科技有限公司", "涉税信息采集服务费"),
    ("106-0201-YBN-V7G1", 9, "70000.00", "河北某某数据科技有限公司", "综合治税信息系统维护费"),
    ("106-0401-YBN-S20A", 5, "60000.00", "承德某某网络工程有限公司", "办公楼网络改造工程款（首付）"),
    ("106-0401-YBN-S20A", 9, "55000.00", "承德某某网络工程有限公司", "办公楼网络改造工程款（尾款）"),
    ("106-0201-YBN-S20B", 6, "35000.00", "河北某某电子票据科技有限公司", "财政电子票据系统建设费（首期）"),
    ("106-0201-YBN-S20B", 10, "38000.00", "河北某某电子票据科技有限公司", "财政电子票据系统建设费（二期）"),
]
for _m in range(1, 13):
    PAYMENTS_2020.append(("106-0401-YBN-A8GD", _m, "11500.00", TELECOM, f"政务外网专线及网络租赁费（{_m}月）"))


def build_2020():
    """The sample 2020 plan rows and payment rows (deterministic)."""
    plan = []
    for code, (name, section, wan, checkpoints, purpose) in PLAN_2020.items():
        months = [f"{checkpoints[m]:.2f}" if m in checkpoints else "" for m in range(1, 13)]
        plan.append([YEAR_2020, code, name, section, wan, *months, purpose, *UNIT_2020])
    rng = random.Random(SEED_2020)
    dated = []
    for order, (code, month, amount, payee, summary) in enumerate(PAYMENTS_2020):
        last = calendar.monthrange(YEAR_2020, month)[1]
        days = [d for d in range(5, min(28, last) + 1) if dt.date(YEAR_2020, month, d).weekday() < 5]
        dated.append((dt.date(YEAR_2020, month, rng.choice(days)), order, code, amount, payee, summary))
    dated.sort(key=lambda r: (r[0], r[1]))
    payments = [[f"SAMPLE-{YEAR_2020}-{i:04d}", code, day.isoformat(), amount, payee, summary + "（示例）"]
                for i, (day, _, code, amount, payee, summary) in enumerate(dated, 1)]
    return plan, payments


def main(argv):
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = build_disbursements()
    write_csv(out_dir / DISBURSEMENT_FILE, DISBURSEMENT_HEADER, rows)
    write_csv(out_dir / ADJUSTMENT_FILE, ADJUSTMENT_HEADER,
              [[doc, code, d.isoformat(), f"{amt}", reason] for doc, code, d, amt, reason in ADJUSTMENTS])
    report(rows)
    plan_2020, payments_2020 = build_2020()
    write_csv(out_dir / PLAN_2020_FILE, PLAN_2020_HEADER, plan_2020)
    write_csv(out_dir / DISBURSEMENT_2020_FILE, DISBURSEMENT_HEADER, payments_2020)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

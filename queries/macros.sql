-- The pacing rules of SPEC §1, as macros every query builds on. Re-created on every
-- connection (create or replace), so they always match the code that ships with them.
--
-- Exact arithmetic: DuckDB divides DECIMALs in DOUBLE, so no rate is ever divided here.
-- Money is held as integer fen (分), percentages as integer numerators over a known
-- denominator; comparisons cross-multiply, and each figure is rounded once, at the end.
--
--   plan_pct   = plan_num / 2772000      2772000 = 100 × 27720, and 27720 = lcm(1..12),
--                                        so every interpolation step divides exactly
--   actual_pct = 100 × actual_fen / budget_fen
--   plan fen   = budget_fen × plan_num / (100 × 2772000)
--   A plan in amounts (用款计划, SPEC §5; checkpoints with plan_yuan): plan_amount_num = plan fen × 277,200,000,
--   interpolated between its checkpoints' amounts the same way (exact: plan_wan at a checkpoint is its amount),
--   and plan_pct = plan_amount_num / (2772000 × budget_fen); plan_num is then that, rounded down (shown nowhere).

-- round2(n, d): n / d rounded to 2 decimals, half away from zero (四舍五入); NULL when d = 0.
-- Below 10^16 both fit BIGINT all the way (|n| × 200 + |d| < 2.01 × 10^18), which divides
-- several times faster than HUGEINT; the same formula, so the same result.
create or replace macro round2(n, d) as
    case when d = 0 then null
         when abs(n) < 10000000000000000 and abs(d) < 10000000000000000
              then (sign(n) * ((abs(n)::bigint * 200 + d::bigint) // (2 * d::bigint))) * 0.01
         else (sign(n) * ((abs(n::hugeint) * 200 + d) // (2 * d)))::hugeint * 0.01
    end;

-- to_wan(yuan): 元 as 万元, exactly (a DECIMAL times 0.0001 keeps every digit: 12345.67 → 1.234567);
-- "/ 10000" would divide in DOUBLE. The one conversion of stored yuan for display in 万元.
create or replace macro to_wan(yuan) as yuan * 0.0001::decimal(5, 4);

-- floor_div(n, d): n / d rounded down, for d > 0 (DuckDB's // truncates towards zero).
create or replace macro floor_div(n, d) as
    case when n >= 0 then n // d else -((-n + d - 1) // d) end;

-- deviation_micro: the deviation in millionths of a point, rounded down (floor), from the exact
-- integers: deviation_pp = (100 × actual_fen × 2772000 − plan_amount_num) / (2772000 × budget_fen),
-- where plan_amount_num = budget_fen × plan_num. NULL when the budget is 0.
create or replace macro deviation_micro(actual_fen, budget_fen, plan_amount_num) as
    case when budget_fen > 0 then
        floor_div((100 * actual_fen::hugeint * 2772000 - plan_amount_num) * 1000000, 2772000 * budget_fen::hugeint)
    end;

-- pace_status: SPEC §1 status, first match wins. "deviation < −red" is exact on deviation_micro:
-- red × 10^6 is a whole number R (thresholds have at most 6 decimals), and for a whole R,
-- x < −R exactly when floor(x) < −R. has_plan: the project has a checkpoint (SPEC §5: a project
-- without one is 'no_plan', 未编制计划, checked right after overspent, so it is never on track).
create or replace macro pace_status(actual_fen, budget_fen, deviation_micro, yellow, red, has_plan) as
    case
        when actual_fen > budget_fen then 'overspent'
        when not has_plan then 'no_plan'
        when budget_fen = 0 then 'on_track'
        when deviation_micro < -(red * 1000000)::hugeint then 'severe'
        when deviation_micro < -(yellow * 1000000)::hugeint then 'lagging'
        else 'on_track'
    end;

-- same_unit(code_a, name_a, code_b, name_b): two 预算单位 are the same (SPEC §5): both codes given and one begins
-- with the other (部门 106 and its 单位 106001), or, where a side has no code, the same name. A side naming no unit
-- at all, or a code on one side and only a name on the other with no name to compare, is not a mismatch.
create or replace macro same_unit(code_a, name_a, code_b, name_b) as
    case when code_a is not null and code_b is not null then starts_with(code_a, code_b) or starts_with(code_b, code_a)
         when name_a is not null and name_b is not null then name_a = name_b
         else true
    end;

-- pace_inputs(y, only_marked): the threshold-free part of the pace of every project of fiscal year y at
-- every month end: adjusted budget and actual in fen, the plan numerator, the next checkpoint,
-- and every figure the pages show, each rounded once.
-- The importer stores it in pace_cache (db.refresh_pace) in the same transaction as the data;
-- the pages and the CLI read the cache through project_pace.
create or replace macro pace_inputs(y, only_marked) as table
with
months as (
    select range::integer as as_of_month from range(1, 13)
),
project as (                    -- only_marked: only the projects listed in pace_refresh
    select fiscal_year, project_code, project_name, section,
           (budget_yuan * 100)::hugeint as initial_fen
    from projects
    where fiscal_year = y
      and (not only_marked or project_code in (select project_code from pace_refresh where fiscal_year = y))
),
checkpoint as (
    select project_code, month, (plan_pct * 100)::hugeint as plan_bp,  -- basis points
           (plan_yuan * 100)::hugeint as plan_fen                      -- a plan in amounts (else NULL)
    from plan_checkpoints
    where fiscal_year = y
),
paid_in_month as (
    select project_code, month, (amount_yuan * 100)::hugeint as fen
    from monthly_actuals
    where fiscal_year = y
),
adjusted_in_month as (          -- effective_date <= cut-off  <=>  its month <= as-of month
    select project_code, month(effective_date) as month, sum(amount_yuan * 100)::hugeint as fen
    from adjustments
    where fiscal_year = y
    group by all
),
grid as (
    select p.*, m.as_of_month,
           c.month as checkpoint_month, c.plan_bp as checkpoint_bp, c.plan_fen as checkpoint_fen,
           coalesce(pm.fen, 0) as paid_fen,
           coalesce(am.fen, 0) as adjusted_fen
    from project p
    cross join months m
    left join checkpoint c on c.project_code = p.project_code and c.month = m.as_of_month
    left join paid_in_month pm on pm.project_code = p.project_code and pm.month = m.as_of_month
    left join adjusted_in_month am on am.project_code = p.project_code and am.month = m.as_of_month
),
cumulative as (
    select *,
        initial_fen + sum(adjusted_fen) over to_date as budget_fen,
        sum(paid_fen) over to_date as actual_fen,
        coalesce(last_value(checkpoint_month ignore nulls) over to_date, 0) as prev_month,
        coalesce(last_value(checkpoint_bp ignore nulls) over to_date, 0) as prev_bp,
        first_value(checkpoint_month ignore nulls) over after_date as next_month,
        first_value(checkpoint_bp ignore nulls) over after_date as next_bp,
        coalesce(last_value(checkpoint_fen ignore nulls) over to_date, 0) as prev_fen,
        first_value(checkpoint_fen ignore nulls) over after_date as next_fen,
        bool_or(checkpoint_fen is not null) over (partition by project_code) as in_amounts
    from grid
    window to_date as (partition by project_code order by as_of_month
                       rows between unbounded preceding and current row),
           after_date as (partition by project_code order by as_of_month
                          rows between 1 following and unbounded following)
),
interpolated as (               -- plan_num / 2772000 = plan_pct
    select *,
        case when next_month is null then prev_bp * 27720
             else (prev_bp * (next_month - prev_month) + (next_bp - prev_bp) * (as_of_month - prev_month))
                  * (27720 // (next_month - prev_month))
        end::hugeint as pct_num,
        case when not in_amounts then null
             when next_month is null then prev_fen * 277200000
             else (prev_fen * (next_month - prev_month) + (next_fen - prev_fen) * (as_of_month - prev_month))
                  * (27720 // (next_month - prev_month)) * 10000
        end::hugeint as amount_num
    from cumulative
),
planned as (                    -- plan_amount_num = plan fen × 277,200,000, exact for both kinds of plan
    select *,
        coalesce(amount_num, budget_fen * pct_num) as plan_amount_num,
        case when amount_num is null then pct_num
             when budget_fen > 0 then floor_div(amount_num, budget_fen) else 0 end::hugeint as plan_num
    from interpolated
),
final as (
    select fiscal_year, as_of_month, section, project_code, project_name,
        budget_fen, actual_fen, plan_num,
        plan_amount_num,                              -- plan fen × 277,200,000
        deviation_micro(actual_fen, budget_fen, plan_amount_num) as deviation_micro,
        next_month, next_bp,
        round2(budget_fen, 1000000)::decimal(18, 2) as budget_wan,
        round2(actual_fen, 1000000)::decimal(18, 2) as actual_wan,
        round2(100 * actual_fen, budget_fen)::decimal(18, 2) as actual_pct,
        case when amount_num is null then round2(plan_num, 2772000)
             else round2(plan_amount_num, 2772000 * budget_fen) end::decimal(18, 2) as plan_pct,
        round2(100 * as_of_month, 12)::decimal(18, 2) as time_pct,
        round2(100 * actual_fen * 2772000 - plan_amount_num, 2772000 * budget_fen)::decimal(18, 2) as deviation_pp,
        round2(1200 * actual_fen - 100 * as_of_month * budget_fen, 12 * budget_fen)::decimal(18, 2) as time_deviation_pp,
        round2(plan_amount_num, 277200000000000)::decimal(18, 2) as plan_wan,
        round2(plan_amount_num - 277200000 * actual_fen, 277200000000000)::decimal(18, 2) as gap_wan,
        case when next_fen is null then round2(next_bp, 100)
             else round2(100 * next_fen, budget_fen) end::decimal(18, 2) as next_checkpoint_pct,
        -- what must still be paid by the end of next_month to reach that checkpoint
        case when next_fen is null then round2(budget_fen * next_bp - 10000 * actual_fen, 10000000000)
             else round2(next_fen - actual_fen, 1000000) end::decimal(18, 2) as next_checkpoint_need_wan
    from planned
)
select * from final;

-- cached_pace(y): pace_cache of fiscal year y, each row with has_plan: the project has a checkpoint (SPEC §5).
create or replace macro cached_pace(y) as table
select *, project_code in (select project_code from plan_checkpoints where fiscal_year = y) as has_plan
from pace_cache
where fiscal_year = y;

-- project_pace(y, yellow, red): one row per project of fiscal year y and as-of month 1..12,
-- from pace_cache. yellow and red are the thresholds in percentage points (at most 6 decimals).
-- A project without a checkpoint (has_plan false, SPEC §5) has no plan figures: plan_pct, plan_wan,
-- deviation_pp and gap_wan are NULL (its plan numerators stay 0, so rollups sum nothing for it).
create or replace macro project_pace(y, yellow, red) as table
with
cache as (
    select * from cached_pace(y)
)
select
    fiscal_year, as_of_month, section, project_code, project_name,
    budget_fen, actual_fen, plan_num, plan_amount_num, has_plan,
    budget_wan, actual_wan, actual_pct,
    case when has_plan then plan_pct end as plan_pct, time_pct,
    case when has_plan then deviation_pp end as deviation_pp, time_deviation_pp,
    case when has_plan then plan_wan end as plan_wan,
    case when has_plan then gap_wan end as gap_wan,
    next_month as next_checkpoint_month, next_checkpoint_pct, next_checkpoint_need_wan,
    pace_status(actual_fen, budget_fen, deviation_micro, yellow, red, has_plan) as status
from cache;

-- section_pace(y, yellow, red, by_section, only_sections): per as-of month, 科室汇总 (by_section)
-- or 全局合计 (not by_section: section is NULL), of every section or only of the list only_sections.
-- Sums budget, actual and plan amount; the rates are recomputed from the sums (SPEC §1).
create or replace macro section_pace(y, yellow, red, by_section, only_sections) as table
with
project as (
    select * exclude (section), case when by_section then section end as section
    from project_pace(y, yellow, red)
    where only_sections is null or list_contains(only_sections, section)
),
summed as (
    select
        fiscal_year, as_of_month, section,
        count(*) as projects,
        sum(budget_fen)::hugeint as budget_fen,
        sum(actual_fen)::hugeint as actual_fen,
        sum(plan_amount_num)::hugeint as plan_amount_num,
        -- the money behind plan of the projects behind, and ahead of plan of those ahead (gap_wan nets them)
        sum(greatest(plan_amount_num - 277200000 * actual_fen, 0))::hugeint as behind_num,
        -- (a project without a plan is never ahead of it)
        sum(greatest(277200000 * actual_fen - plan_amount_num, 0)) filter (where has_plan)::hugeint as ahead_num,
        count(*) filter (where plan_amount_num > 277200000 * actual_fen) as behind_projects,
        count(*) filter (where plan_amount_num < 277200000 * actual_fen and has_plan) as ahead_projects,
        count(*) filter (where status = 'on_track') as on_track,
        count(*) filter (where status = 'lagging') as lagging,
        count(*) filter (where status = 'severe') as severe,
        count(*) filter (where status = 'overspent') as overspent,
        count(*) filter (where status = 'no_plan') as no_plan,
        bool_or(has_plan) as has_plan
    from project
    group by fiscal_year, as_of_month, section
),
final as (
    select
        fiscal_year, as_of_month, section, projects,
        budget_fen, actual_fen, plan_amount_num,
        round2(budget_fen, 1000000) as budget_wan,
        round2(actual_fen, 1000000) as actual_wan,
        round2(100 * actual_fen, budget_fen) as actual_pct,
        case when has_plan then round2(plan_amount_num, 2772000 * budget_fen) end as plan_pct,
        round2(100 * as_of_month, 12) as time_pct,
        case when has_plan then round2(100 * actual_fen * 2772000 - plan_amount_num, 2772000 * budget_fen) end
            as deviation_pp,
        case when has_plan then round2(plan_amount_num, 277200000000000) end as plan_wan,
        case when has_plan then round2(plan_amount_num - 277200000 * actual_fen, 277200000000000) end as gap_wan,
        round2(behind_num, 277200000000000) as behind_wan,
        round2(coalesce(ahead_num, 0), 277200000000000) as ahead_wan,
        behind_projects, ahead_projects,
        on_track, lagging, severe, overspent, no_plan,
        pace_status(actual_fen, budget_fen, deviation_micro(actual_fen, budget_fen, plan_amount_num), yellow, red,
                    has_plan) as status   -- the same rule on the sums (no_plan: none of its projects has a plan)
    from summed
)
select * from final;

-- Task K (issue 34, SPEC §5): the money by 资金来源. A source is its name and whether it is 直达资金.
-- default_source(name): a project's default source, the source of its 年初预算数 (本级安排资金 unless named).
create or replace macro default_source(name) as coalesce(name, '本级安排资金');

-- budget_lines(y): every budget amount of fiscal year y in fen with its source: each project's 年初预算数 in its
-- default source (month 0) and each adjustment (指标) in the month of its effective date, in its own source
-- (adjustments.source / direct, migration 018; 直达 when not said: its source's name says 直达), else its
-- project's default source.
create or replace macro budget_lines(y) as table
select p.project_code, default_source(p.source) as source, coalesce(p.direct, false) as direct,
       0 as month, (p.budget_yuan * 100)::hugeint as fen
from projects p
where p.fiscal_year = y
union all
select a.project_code, coalesce(a.source, default_source(p.source)),
       coalesce(a.direct, case when a.source is not null then a.source like '%直达%' end, p.direct, false),
       month(a.effective_date), (a.amount_yuan * 100)::hugeint
from adjustments a
join projects p on p.fiscal_year = a.fiscal_year and p.project_code = a.project_code
where a.fiscal_year = y;

-- payment_sources(y): every payment line of fiscal year y with its effective source: the source of the
-- project's adjustment (指标) row with the line's 指标文号 when it names one (adjustments.source / direct), else
-- the line's own 资金来源/资金名称 and 是否直达资金, else its project's default source (直达 when not said: the
-- source's name says 直达). Here and only here.
-- month: the month of the fiscal year paid in, 13..18 for a carry-over payment (as monthly_actuals counts).
create or replace macro payment_sources(y) as table
with
quota as (                  -- one source per project and 指标文号 (the first adjustment naming one)
    select project_code, quota_doc_no, arg_min(source, doc_no) as source, arg_min(direct, doc_no) as direct
    from adjustments
    where fiscal_year = y and quota_doc_no is not null and source is not null
    group by all
),
line as (
    select d.project_code, d.voucher_no, d.line_no, d.pay_date, d.amount_yuan,
           coalesce(q.source, d.source) as own_source,
           case when q.source is not null then q.direct else d.direct end as own_direct,
           p.source as default_name, p.direct as default_direct
    from disbursements d
    join projects p on p.fiscal_year = d.fiscal_year and p.project_code = d.project_code
    left join quota q on q.project_code = d.project_code and q.quota_doc_no = d.quota_doc_no
    where d.fiscal_year = y
)
select project_code, voucher_no, line_no, pay_date,
       coalesce(own_source, default_source(default_name)) as source,
       coalesce(own_direct, case when own_source is not null then own_source like '%直达%' end, default_direct,
                false) as direct,
       case when year(pay_date) = y then month(pay_date) else 12 + month(pay_date) end as month,
       (amount_yuan * 100)::hugeint as fen
from line;

-- source_money_inputs(y, only_marked): per project (only those in pace_refresh when only_marked), source and month
-- end 1..12 from the first month it has money: its budget and actual in fen, and whether the project has a budget in
-- that source at all (has_budget: a source paid from without one is 无指标支付). Over a project's sources the sums are
-- its pace_cache budget and actual. db.refresh_pace stores it in source_cache; source_money reads that.
create or replace macro source_money_inputs(y, only_marked) as table
with
marked as (
    select project_code from pace_refresh where fiscal_year = y
),
money as (                  -- the 年初预算数 (month 0) counts from the first month end
    select project_code, source, direct, greatest(month, 1) as month, fen as budget_fen, 0::hugeint as actual_fen,
           true as is_budget
    from budget_lines(y)
    union all
    select project_code, source, direct, month, 0::hugeint, fen, false
    from payment_sources(y)
    where month <= 12                       -- a carry-over payment counts at no month end of its year
),
by_month as (
    select project_code, source, direct, month,
           sum(budget_fen)::hugeint as budget_fen, sum(actual_fen)::hugeint as actual_fen, bool_or(is_budget) as is_budget
    from money
    where not only_marked or project_code in (select project_code from marked)
    group by all
),
pairs as (                  -- pair: a number per (project, source, direct) for the window to partition by: sorting
    select project_code, source, direct, min(month) as first_month,    -- on it instead of the three keys costs
           row_number() over () as pair                                 -- 11 % less CPU (4 M rows at 100,000 projects)
    from by_month group by all
),
grid as (
    select p.pair, p.project_code, p.source, p.direct, m.range::integer as as_of_month,
           coalesce(b.budget_fen, 0) as budget_fen, coalesce(b.actual_fen, 0) as actual_fen,
           coalesce(b.is_budget, false) as is_budget
    from pairs p
    cross join range(1, 13) m
    left join by_month b on b.project_code = p.project_code and b.source = p.source and b.direct = p.direct
                        and b.month = m.range
    where m.range >= p.first_month
)
select y as fiscal_year, as_of_month, project_code, source, direct,
    sum(budget_fen) over to_date as budget_fen,
    sum(actual_fen) over to_date as actual_fen,
    bool_or(is_budget) over to_date as has_budget
from grid
window to_date as (partition by pair order by as_of_month
                   rows between unbounded preceding and current row);

-- source_money(y, m): source_cache at the end of month m of fiscal year y.
create or replace macro source_money(y, m) as table
select project_code, source, direct, budget_fen, actual_fen, has_budget
from source_cache
where fiscal_year = y and as_of_month = m;

-- money_pace(y, m, yellow, red, sources, direct_only): project_pace at the end of month m counting only the
-- money of the sources listed (NULL = every source) and, when direct_only, only 直达资金: the project's plan
-- (plan_num of pace_cache, the one pace model) applied to that money, every figure as pace_inputs makes it.
-- A project with no such money by then is not listed. unbudgeted: money paid from a source without budget.
create or replace macro money_pace(y, m, yellow, red, sources, direct_only) as table
with
chosen as (
    select project_code, sum(budget_fen)::hugeint as budget_fen, sum(actual_fen)::hugeint as actual_fen,
           sum(actual_fen) filter (where not has_budget)::hugeint as unbudgeted_fen
    from source_money(y, m)
    where (sources is null or list_contains(sources, source)) and (not direct_only or direct)
    group by project_code
),
joined as (
    select c.fiscal_year, c.as_of_month, c.section, c.project_code, c.project_name, c.plan_num,
           c.next_month, c.next_bp, s.budget_fen, s.actual_fen, coalesce(s.unbudgeted_fen, 0) as unbudgeted_fen,
           s.budget_fen * c.plan_num as plan_amount_num,
           c.project_code in (select project_code from plan_checkpoints where fiscal_year = y) as has_plan
    from pace_cache c
    join chosen s on s.project_code = c.project_code
    where c.fiscal_year = y and c.as_of_month = m
)
select fiscal_year, as_of_month, section, project_code, project_name,
    budget_fen, actual_fen, plan_num, plan_amount_num, has_plan,
    round2(budget_fen, 1000000)::decimal(18, 2) as budget_wan,
    round2(actual_fen, 1000000)::decimal(18, 2) as actual_wan,
    round2(100 * actual_fen, budget_fen)::decimal(18, 2) as actual_pct,
    case when has_plan then round2(plan_num, 2772000) end::decimal(18, 2) as plan_pct,
    round2(100 * as_of_month, 12)::decimal(18, 2) as time_pct,
    case when has_plan then round2(100 * actual_fen * 2772000 - plan_num * budget_fen, 2772000 * budget_fen)
    end::decimal(18, 2) as deviation_pp,
    round2(1200 * actual_fen - 100 * as_of_month * budget_fen, 12 * budget_fen)::decimal(18, 2) as time_deviation_pp,
    case when has_plan then round2(budget_fen * plan_num, 277200000000000) end::decimal(18, 2) as plan_wan,
    case when has_plan then round2(budget_fen * plan_num - 277200000 * actual_fen, 277200000000000)
    end::decimal(18, 2) as gap_wan,
    next_month as next_checkpoint_month,
    round2(next_bp, 100)::decimal(18, 2) as next_checkpoint_pct,
    round2(budget_fen * next_bp - 10000 * actual_fen, 10000000000)::decimal(18, 2) as next_checkpoint_need_wan,
    pace_status(actual_fen, budget_fen, deviation_micro(actual_fen, budget_fen, plan_amount_num), yellow, red,
                has_plan) as status,
    round2(unbudgeted_fen, 1000000)::decimal(18, 2) as unbudgeted_wan
from joined;

-- whole_pace(y, m, yellow, red, sections, unit): every project's pace at the end of month m counting all its money
-- (project_pace, the cache), with its 预算单位, of the sections listed and of unit `unit` (a code: a 单位 under a 部门
-- code counts; NULL = all). Apart from chosen_pace so that a query of all money never binds money_pace: DuckDB
-- binds both sides of a union whatever its parameters, and money_pace's figures cost ~10 ms to plan on every call.
create or replace macro whole_pace(y, m, yellow, red, sections, unit) as table
select f.*, null::decimal(18, 2) as unbudgeted_wan, p.unit_code, p.unit_name
from project_pace(y, yellow, red) f
join projects p on p.fiscal_year = f.fiscal_year and p.project_code = f.project_code and p.fiscal_year = y
where f.as_of_month = m
  and (sections is null or list_contains(sections, f.section))
  and (unit is null or starts_with(p.unit_code, unit));

-- chosen_pace(y, m, yellow, red, sections, unit, sources, direct_only): whole_pace, or, when sources are listed or
-- direct_only, counting only the money of the sources listed / 直达资金 (money_pace), of the same sections and unit.
create or replace macro chosen_pace(y, m, yellow, red, sections, unit, sources, direct_only) as table
select *
from whole_pace(y, m, yellow, red, sections, unit)
where sources is null and not direct_only
union all by name
select f.*, p.unit_code, p.unit_name
from money_pace(y, m, yellow, red, sources, direct_only) f
join projects p on p.fiscal_year = f.fiscal_year and p.project_code = f.project_code and p.fiscal_year = y
where (sources is not null or direct_only)
  and (sections is null or list_contains(sections, f.section))
  and (unit is null or starts_with(p.unit_code, unit));

-- rollup_figures(as_of_month, budget_fen, actual_fen, plan_amount_num, has_plan): the figures of a group of projects
-- (a 预算单位 or a 科室) from its sums at the end of month as_of_month, each rounded once, as a struct (unnest gives its
-- columns): pace_rollup's and unit_inputs'. A group none of whose projects has a plan has no plan figures.
create or replace macro rollup_figures(as_of_month, budget_fen, actual_fen, plan_amount_num, has_plan) as struct_pack(
    budget_wan := round2(budget_fen, 1000000),
    actual_wan := round2(actual_fen, 1000000),
    actual_pct := round2(100 * actual_fen, budget_fen),
    plan_pct := case when has_plan then round2(plan_amount_num, 2772000 * budget_fen) end,
    time_pct := round2(100 * as_of_month, 12),
    deviation_pp := case when has_plan then round2(100 * actual_fen * 2772000 - plan_amount_num, 2772000 * budget_fen) end,
    time_deviation_pp := round2(1200 * actual_fen - 100 * as_of_month * budget_fen, 12 * budget_fen),
    plan_wan := case when has_plan then round2(plan_amount_num, 277200000000000) end,
    gap_wan := case when has_plan then round2(plan_amount_num - 277200000 * actual_fen, 277200000000000) end);

-- pace_rollup(y, m, yellow, red, sections, unit, sources, direct_only, by_unit): chosen_pace summed per 预算单位
-- (by_unit; unit_code, unit_name) or per 科室 (section), as section_pace sums (SPEC §1), ranked by 执行率
-- (rank 1 = the highest actual_pct; ties share a rank; a group without budget last).
create or replace macro pace_rollup(y, m, yellow, red, sections, unit, sources, direct_only, by_unit) as table
with
project as (
    select *,
        case when by_unit then unit_code else section end as group_code,
        case when by_unit then unit_name end as group_name
    from chosen_pace(y, m, yellow, red, sections, unit, sources, direct_only)
),
per_section as (    -- summed per group and section first: the sections are then counted as rows, not by a
                    -- count(distinct) (its own grouping of every project again: a fifth of `units`, issue 34)
    select fiscal_year, as_of_month, group_code, group_name, section,
        count(*) as projects,
        sum(budget_fen)::hugeint as budget_fen,
        sum(actual_fen)::hugeint as actual_fen,
        sum(plan_amount_num)::hugeint as plan_amount_num,
        sum(unbudgeted_wan) as unbudgeted_wan,
        count(*) filter (where status = 'on_track') as on_track,
        count(*) filter (where status = 'lagging') as lagging,
        count(*) filter (where status = 'severe') as severe,
        count(*) filter (where status = 'overspent') as overspent,
        count(*) filter (where status = 'no_plan') as no_plan,
        bool_or(has_plan) as has_plan
    from project
    group by fiscal_year, as_of_month, group_code, group_name, section
),
summed as (
    select fiscal_year, as_of_month, group_code, group_name,
        count(*) as sections,
        sum(projects)::bigint as projects,
        sum(budget_fen)::hugeint as budget_fen,
        sum(actual_fen)::hugeint as actual_fen,
        sum(plan_amount_num)::hugeint as plan_amount_num,
        coalesce(sum(unbudgeted_wan), 0) as unbudgeted_wan,
        sum(on_track)::bigint as on_track,
        sum(lagging)::bigint as lagging,
        sum(severe)::bigint as severe,
        sum(overspent)::bigint as overspent,
        sum(no_plan)::bigint as no_plan,
        bool_or(has_plan) as has_plan
    from per_section
    group by fiscal_year, as_of_month, group_code, group_name
),
final as (          -- as section_pace: a group none of whose projects has a plan is no_plan, without plan figures
    select * exclude (has_plan),
        unnest(rollup_figures(as_of_month, budget_fen, actual_fen, plan_amount_num, has_plan)),
        pace_status(actual_fen, budget_fen, deviation_micro(actual_fen, budget_fen, plan_amount_num), yellow, red,
                    has_plan) as status
    from summed
)
select *,
    -- the rank of the 执行率 as published (2 decimals): equal published rates share a rank
    rank() over (order by actual_pct desc nulls last) as rank
from final;

-- whole_projects(y, m, yellow, red, sections, statuses, min_gap, unit): whole_pace at the end of month m, filtered as
-- the pages filter (a NULL filter keeps every project): project_status lists them, project_count counts them.
create or replace macro whole_projects(y, m, yellow, red, sections, statuses, min_gap, unit) as table
select *
from whole_pace(y, m, yellow, red, sections, unit)
where (statuses is null or list_contains(statuses, status))
  and (min_gap is null or gap_wan >= min_gap);

-- Task B (issue 34): `units` of every section and all the money within 100 ms beyond process start at 10 M payment
-- lines. unit_inputs(y): pace_rollup per 预算单位 (every section, all the money) of fiscal year y at every month end,
-- from the cached pace (cached_pace, as project_pace), without thresholds: db.refresh_pace stores it in unit_cache.
-- The counts by status that depend on the thresholds are kept as `behind`: the deviation_micro of each project that
-- thresholds of 0 find severe, which are exactly the projects some thresholds (≥ 0) find lagging or severe
-- (pace_status: a plan, a budget, not overspent, behind plan); deviation_micro is the unit's own, for its status.
create or replace macro unit_inputs(y) as table
with
project as (
    select c.fiscal_year, c.as_of_month, p.unit_code, p.unit_name, c.section, c.budget_fen, c.actual_fen,
           c.plan_amount_num, c.has_plan, c.deviation_micro,
           pace_status(c.actual_fen, c.budget_fen, c.deviation_micro, 0, 0, c.has_plan) as status
    from cached_pace(y) c
    join projects p on p.fiscal_year = c.fiscal_year and p.project_code = c.project_code
),
summed as (         -- one grouping (per unit and section first, then per unit, as pace_rollup sums, took twice as long)
    select fiscal_year, as_of_month, unit_code, unit_name,
        count(distinct section) as sections,
        count(*) as projects,
        sum(budget_fen)::hugeint as budget_fen,
        sum(actual_fen)::hugeint as actual_fen,
        sum(plan_amount_num)::hugeint as plan_amount_num,
        count(*) filter (where status = 'overspent') as overspent,
        count(*) filter (where status = 'no_plan') as no_plan,
        bool_or(has_plan) as has_plan,
        coalesce(list(deviation_micro) filter (where status = 'severe'), []::hugeint[]) as behind
    from project
    group by fiscal_year, as_of_month, unit_code, unit_name
),
figured as (
    select *, deviation_micro(actual_fen, budget_fen, plan_amount_num) as deviation_micro,
        unnest(rollup_figures(as_of_month, budget_fen, actual_fen, plan_amount_num, has_plan))
    from summed
)
select *,
    rank() over (partition by as_of_month order by actual_pct desc nulls last) as rank    -- as pace_rollup ranks
from figured;

-- unit_pace(y, m, yellow, red): unit_cache at the end of month m with the thresholds applied, as pace_rollup gives
-- every 预算单位 of every section, all the money: severe = behind beyond red, lagging = behind beyond yellow but not
-- beyond red, on_track the rest (overspent and no_plan need no threshold); the unit's status by pace_status.
create or replace macro unit_pace(y, m, yellow, red) as table
with
counted as (
    select *,
        len(list_filter(behind, lambda d: d < -(red * 1000000)::hugeint)) as severe,
        len(list_filter(behind, lambda d: d < -(yellow * 1000000)::hugeint)) as behind_yellow
    from unit_cache
    where fiscal_year = y and as_of_month = m
)
select fiscal_year, as_of_month, unit_code, unit_name, sections, projects, budget_fen, actual_fen, plan_amount_num,
    0::decimal(38, 2) as unbudgeted_wan,        -- all the money: none paid from a source without budget counts apart
    projects - behind_yellow - overspent - no_plan as on_track,
    behind_yellow - severe as lagging, severe, overspent, no_plan,
    budget_wan, actual_wan, actual_pct, plan_pct, time_pct, deviation_pp, time_deviation_pp, plan_wan, gap_wan,
    pace_status(actual_fen, budget_fen, deviation_micro, yellow, red, has_plan) as status, rank
from counted;

-- chosen_projects(y, m, yellow, red, sections, statuses, min_gap, unit, sources, direct_only): chosen_pace at the
-- end of month m, filtered as whole_projects (not direct_only and no sources: all money): project_status_money
-- lists them, project_count_money counts them.
create or replace macro chosen_projects(y, m, yellow, red, sections, statuses, min_gap, unit, sources, direct_only) as table
select *
from chosen_pace(y, m, yellow, red, sections, unit, sources, direct_only)
where (statuses is null or list_contains(statuses, status))
  and (min_gap is null or gap_wan >= min_gap);

-- Schema version 10: saved 导入方案 (issue 20, SPEC §3.2).
-- import_mappings: one row per named mapping of a file layout onto our columns.
--   kind: the file kind it is for; header_signature: the file's header row as spending.mappings.signature
--   writes it (every header normalised as files.normalise_header compares them, blank ones left out,
--   in file order, as a JSON array of strings: ["支付凭证编号","预算项目编码",…]); a file of that kind
--   whose header has this signature is mapped by it without being asked (one mapping per kind and
--   signature). columns: JSON object, our English column -> the file's header text, e.g.
--   {"voucher_no":"支付凭证编号","amount_yuan":"支付金额"}; the columns it does not name are found as usual.
create table import_mappings (
    name             varchar primary key check (length(trim(name)) > 0 and name = trim(name)),
    kind             varchar not null check (kind in ('plan', 'disbursements', 'adjustments', 'indicator_values')),
    header_signature varchar not null check (starts_with(header_signature, '[') and length(header_signature) > 2),
    columns          varchar not null check (starts_with(columns, '{') and length(columns) > 2),
    created_at       timestamp not null default current_timestamp,
    created_by       varchar not null check (length(created_by) > 0),
    unique (kind, header_signature)
);

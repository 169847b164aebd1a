-- Cell checks of SPEC §2, shared by the stage_* queries. A *_problem macro returns NULL for
-- a good cell, else an error code that spending.files.REASONS explains in Chinese and English.
-- Stored with the pacing macros of queries/macros.sql (db.migrate makes both, once, whenever either file
-- changes), so an import does not make them again for each file.

-- cell(t): a cell's text without surrounding blanks (spaces half- or full-width, TAB, NBSP, line
-- breaks) or invisible characters (zero-width space and joiners, BOM, soft hyphen), NULL when blank.
-- The regular expression runs only where a cell starts or ends with something that is not a
-- printable ASCII character or a CJK ideograph, told by is_plain_char (unicode() of the first and of
-- the last character: three times cheaper than a regular expression on 10 million rows).
create or replace macro is_plain_char(t) as unicode(t) between 33 and 126 or unicode(t) between 19968 and 40959;
create or replace macro cell(t) as
    case when is_plain_char(t) and is_plain_char(substring(t, -1)) then t   -- never '' here
         else nullif(regexp_replace(t, '^[\s\x{00A0}\x{3000}\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{00AD}]+|[\s\x{00A0}\x{3000}\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{00AD}]+$', '', 'g'), '')
    end;
-- code(t): a key or code (凭证号, 项目编码, 文号, 科室): as cell(t), and every character nobody can see
-- removed anywhere, so that a re-import of the same key with a stray zero-width space is recognised:
-- control and format characters (\p{Cc}, \p{Cf}: TAB, LRM/RLM, bidi embeddings, overrides and isolates,
-- word joiner, BOM, soft hyphen, U+180E, tags U+E0000…), every separator but the ASCII space (NBSP,
-- NNBSP, thin, figure and ideographic space, line and paragraph separators), the fillers U+034F, U+115F,
-- U+1160, U+3164, U+FFA0 and U+2800; hyphens and dashes (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D)
-- become '-'. The rest of NFKC (full-width letters, compatibility ideographs) is done in Python on the
-- few keys that need it (spending.ingest._normalise_keys). Only a cell with a character beyond ASCII
-- (strlen counts bytes, length characters), a TAB, or a blank or control character at either end can change.
-- A cell of printable ASCII but the space, CJK ideographs and CJK punctuation only (财指〔2025〕12号, 某某局: none
-- of them is removed, trimmed or replaced) is also given back as it is, told by one negated character class:
-- 6× cheaper than the two replacements on 10 million 指标文号 (issue 33).
create or replace macro code(t) as
    case when strlen(t) = length(t) and not contains(t, chr(9)) and unicode(t) > 32 and unicode(substring(t, -1)) > 32
         then t
         when t <> '' and not regexp_matches(t, '[^\x{21}-\x{7E}\x{3001}-\x{3003}\x{3008}-\x{3011}\x{3014}-\x{301F}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]')
         then t
         else nullif(trim(regexp_replace(regexp_replace(cell(t),
                 '[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}\x{034F}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]',
                 '', 'g'), '[\x{2010}-\x{2015}\x{2212}\x{FE58}\x{FE63}\x{FF0D}]', '-', 'g')), '')
    end;
-- key_case(k): a key (凭证号, 文号) as compared for sameness: sample-2021-0001 is SAMPLE-2021-0001 (issue 32),
-- one more look-alike beside those code() removes. Keys are stored as written: a file's key that a stored one of
-- its year has in other case takes the stored spelling (stored_case_*.sql); two in one file repeat each other.
create or replace macro key_case(k) as lower(k);
create or replace macro has_case(k) as lower(k) <> upper(k);
-- line_break_inside(t): a key or code holding a line break (LF, CR, NEL U+0085) between two characters that
-- code() keeps: two values in one cell (Alt+Enter in a spreadsheet), a problem for the row naming the column
-- (key_line_breaks.sql), never joined into one key. A line break at either end is a blank (cell()); U+2028 and
-- U+2029 stay invisible marks that code() removes (issue 19). contains() first (NEL only in a cell beyond
-- ASCII), so that the regular expression runs only on the few cells holding one.
create or replace macro line_break_inside(t) as
    (contains(t, chr(10)) or contains(t, chr(13)) or (strlen(t) <> length(t) and contains(t, chr(133))))
    and regexp_matches(t, '(?s)[^\p{Cc}\p{Cf}\p{Z}\x{034F}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}].*[\n\r\x{85}].*[^\p{Cc}\p{Cf}\p{Z}\x{034F}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]');
-- needs_nfkc(k): a key code() gave back that holds a character NFKC may change (anything but printable
-- ASCII, CJK ideographs and CJK punctuation): spending.ingest normalises those few in Python.
create or replace macro needs_nfkc(k) as
    strlen(k) <> length(k)
    and regexp_matches(k, '[^\x{20}-\x{7E}\x{3001}-\x{3003}\x{3008}-\x{3011}\x{3014}-\x{301F}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]');
-- text_problem(t): 'control' for a text holding a control character (ESC and the other C0 and C1 controls
-- but TAB and line breaks: terminal escape sequences) or a bidi embedding, override or isolate
-- (U+202A–U+202E, U+2066–U+2069: "\x{202E}evil" shown as "live"), else NULL.
create or replace macro text_problem(t) as
    case when regexp_matches(t, '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\x{202A}-\x{202E}\x{2066}-\x{2069}]') then 'control' end;
-- split_amount(amount, next): 'split_amount' when an amount of one to three digits is followed, in the
-- file's next cell where text belongs, by a cell of three digits (with or without decimals): an unquoted
-- thousands separator that cut 1,000 into 1 and 000 (never imported as 1.00), else NULL.
create or replace macro split_amount(amount, next) as
    case when length(next) between 3 and 10 and length(amount) <= 4
              and regexp_full_match(amount, '[+-]?\d{1,3}') and regexp_full_match(next, '\d{3}(\.\d*)?')
         then 'split_amount' end;

-- code_part(t), name_part(t): of a 代码 - 名称 cell (预算项目 in an export; t as code() gives it back, its
-- dashes '-'): the code (printable ASCII) and the name after a dash, which either has blanks on both sides
-- or is followed at once by a character beyond ASCII (not a full-width letter or digit); NULL otherwise.
-- Only a cell with a character beyond ASCII and a dash is searched (a 预算单位 name without a dash costs one
-- contains(), not three regular expressions: issue 33).
create or replace macro code_name_parts(t) as
    regexp_extract(t, '^([!-~]+?)(?:\s+-\s+(.+)|\s*-\s*([^\x00-\x7F\x{FF10}-\x{FF5A}].*))$', ['code', 'spaced', 'joined']);
create or replace macro code_part(t) as
    case when strlen(t) <> length(t) and contains(t, '-') then nullif(code_name_parts(t).code, '') end;
-- (name_part's regular expressions sit in a nested CASE: inside one AND with the cheap tests DuckDB ran them on
-- every row, 2.9 s of 1 million 预算单位 cells.)
create or replace macro name_part(t) as
    case when strlen(t) <> length(t) and contains(t, '-')
         then case when code_name_parts(t).code <> '' then trim(code_name_parts(t).spaced || code_name_parts(t).joined) end
    end;
-- code_of(t), name_of(t): of a cell naming something by its code and name (t as code() gives it back), written
-- `代码 - 名称` (code_part, name_part) or `代码 名称` (an 指标分配 export's 项目 and 预算单位: the code, blanks, the name
-- from its first character beyond ASCII; spaced_parts): the code and the name, NULL when it is neither. A blank splits
-- only after a code (printable ASCII): a name holding blanks (承德高新区 财政局) stays whole, and so does the name after
-- a code (106 承德高新区 财政局: 106, 承德高新区 财政局). One rule for the payments', the 指标 rows' and the 用款计划's
-- cells (task B, issue 34). Only a cell with a character beyond ASCII and a blank is searched for the second form.
create or replace macro spaced_parts(t) as regexp_extract(t, '^([!-~]+)\s+([^\x00-\x7F].*)$', ['code', 'name']);
create or replace macro code_of(t) as
    coalesce(code_part(t), case when strlen(t) <> length(t) and contains(t, ' ')
                                then case when spaced_parts(t).code <> '' then spaced_parts(t).code end end);
create or replace macro name_of(t) as
    coalesce(name_part(t), case when strlen(t) <> length(t) and contains(t, ' ')
                                then case when spaced_parts(t).code <> '' then spaced_parts(t).name end end);

-- numbers may carry thousands separators (half- or full-width commas)
create or replace macro clean_number(t) as replace(replace(t, '，', ','), ',', '');
create or replace macro to_number(t) as try_cast(clean_number(t) as decimal(38, 6));
-- The first WHENs of number_problem and date_problem pass the usual forms (50, 12345.67,
-- 2021-03-15) with one cast, so the regular expressions only see the rest (5× faster on 10 million rows).
create or replace macro number_problem(t, places, limit_abs) as
    case when try_cast(t as bigint)::varchar = t then
              case when abs(try_cast(t as bigint)) >= limit_abs then 'too_large' end
         when places >= 2 and try_cast(t as decimal(18, 2))::varchar = t then
              case when abs(try_cast(t as decimal(18, 2))) >= limit_abs then 'too_large' end
         when not regexp_full_match(replace(t, '，', ','), '[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?') then 'not_number'
         when length(regexp_extract(t, '\.(\d+)$', 1)) > places then 'decimals_' || places
         when to_number(t) is null or abs(to_number(t)) >= limit_abs then 'too_large'
    end;

-- percentages: at most 2 decimals, may end in %; blank (NULL) is no checkpoint, not a problem
create or replace macro pct_text(t) as rtrim(rtrim(t), '%');
create or replace macro pct_problem(t) as
    case when t is not null then
        coalesce(number_problem(pct_text(t), 2, 1000000000000),    -- beyond: pct_range names it
                 case when to_number(pct_text(t)) not between 0 and 100 then 'pct_range' end)
    end;

-- dates as finance systems write them: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日 (leading zeros
-- optional), YYYYMMDD, and any of these with a time after it (2021-06-30 09:30:00, 2021/6/30 9:30:
-- its date). An Excel date arrives as YYYY-MM-DD. date_text(t) writes the date part as YYYY-M-D.
create or replace macro date_text(t) as
    case when regexp_full_match(t, '\d{8}') then substr(t, 1, 4) || '-' || substr(t, 5, 2) || '-' || substr(t, 7, 2)
         else regexp_replace(regexp_replace(t, '(?:\s+|T)([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?$', ''),
                             '^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$', '\1-\2-\3')
    end;
create or replace macro to_date(t) as try_cast(date_text(t) as date);
-- is_plain_date(t, d): t is d (try_cast(t as date)) written as YYYY-MM-DD (not 'infinity', which casts too)
create or replace macro is_plain_date(t, d) as strlen(t) = 10 and d::varchar = t;
create or replace macro date_problem(t) as
    case when is_plain_date(t, try_cast(t as date)) then null
         when not regexp_full_match(date_text(t), '\d{4}-\d{1,2}-\d{1,2}') then 'date_format'
         when to_date(t) is null then 'no_such_date'
    end;

create or replace macro year_problem(t) as
    case when not regexp_full_match(t, '\d{4}') then 'year_format'
         when try_cast(t as integer) not between 2000 and 2100 then 'year_range'
    end;

-- A 合计 / 小计 / 总计 (total) line of an export, recognised by any one of three cells: the label, or NULL.
create or replace macro total_label(t) as
    case when contains(t, '计')
          and regexp_full_match(regexp_replace(t, '[\s\x{3000}\x{00A0}]', '', 'g'),
                                '[(（]?(本页|本月|本年|本期|全部|累计)?(合计|小计|总计)[)）]?[:：]?[-\d,.元万]*')
         then t end;
create or replace macro is_total_row(a, b, c) as
    (contains(a, '计') or contains(b, '计') or contains(c, '计'))
    and coalesce(total_label(a), total_label(b), total_label(c)) is not null;

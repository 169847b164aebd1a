-- stored_sections: the 科室 of fiscal year $year as stored (to tell which of a document's are new or changed).
select section, seq, duties, amount_yuan
from sections
where fiscal_year = $year

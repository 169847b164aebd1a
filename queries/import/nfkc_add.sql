-- nfkc_add: the pairs $old[i] -> $new[i] into import_nfkc.
insert into import_nfkc select unnest($old::varchar[]), unnest($new::varchar[])

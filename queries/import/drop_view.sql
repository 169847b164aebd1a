-- drop_view: a temp view of the import, once it is no longer needed ({view}: its name).
drop view {view}

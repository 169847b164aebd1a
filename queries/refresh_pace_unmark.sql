-- refresh_pace_unmark: empty pace_refresh once its projects are recomputed.
delete from pace_refresh

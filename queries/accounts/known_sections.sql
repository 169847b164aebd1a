-- known_sections: every 科室 named in any year's plan or section list (accounts may only name these).
select section from sections union select section from projects order by section

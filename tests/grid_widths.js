d => {
  const el = d.querySelector('canvas');
  if (!el) return null;
  const key = Object.keys(el).find(k => k.startsWith('__reactFiber$'));
  let f = el[key], props = null;
  for (let n = 0; f && n < 300 && !props; n++, f = f.return) {
    const p = f.memoizedProps;
    if (p && Array.isArray(p.columns) && p.columns.length && 'width' in p.columns[0] && p.getCellContent) props = p;
  }
  if (!props) return null;
  const ctx = document.createElement('canvas').getContext('2d');
  const pad = (props.theme && props.theme.cellHorizontalPadding) || 8;
  ctx.font = (props.theme && props.theme.baseFontFull) || '400 14px "Source Sans", sans-serif';
  const scroller = d.querySelector('.dvn-scroller');
  const visible = scroller ? scroller.clientWidth : d.getBoundingClientRect().width;
  let left = 0;
  const out = [];
  props.columns.forEach((c, i) => {
    let longest = '', need = 0;
    for (let r = 0; r < props.rows; r++) {
      const cell = props.getCellContent([i, r]);
      const text = String(cell.displayData ?? cell.data ?? '');
      const w = ctx.measureText(text).width;
      if (w > need) { need = w; longest = text; }
    }
    out.push({title: c.title, left, width: c.width, need: Math.ceil(need + 2 * pad), longest});
    left += c.width;
  });
  return {visible, columns: out};
}
